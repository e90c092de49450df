# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_029", methods=["GET", "POST"])
def view_029():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return Template("Hello " + bar).render()  # expect: template-injection
