# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_030", methods=["GET", "POST"])
def view_030():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return Template("Hello " + bar).render()
