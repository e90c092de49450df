# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyA"]
    return Template("Hello " + bar).render()
