# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return render_template_string("<h1>Hello " + bar + "</h1>")
