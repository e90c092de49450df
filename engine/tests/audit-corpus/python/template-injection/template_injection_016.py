# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.args.get("name", "")
    bar = "constant-value"
    return render_template_string("<h1>Hello " + bar + "</h1>")
