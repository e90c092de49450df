# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.form["name"]
    bar = param
    return Template("Hello {{ name }}").render(name=bar)
