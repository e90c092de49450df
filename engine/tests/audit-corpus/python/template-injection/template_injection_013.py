# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    param = request.form["name"]
    bar = param
    return render_template_string("<h1>Hello {{ name }}</h1>", name=bar)
