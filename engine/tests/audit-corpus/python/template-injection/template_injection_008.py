# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.form["name"]
    bar = f"item-{param}"
    return Template("Hello " + bar).render()  # expect: template-injection
