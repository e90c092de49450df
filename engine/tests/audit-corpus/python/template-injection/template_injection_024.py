# ok: template-injection

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.form["name"]
    bar = do_something(param)
    return render_template_string("<h1>Hello " + bar + "</h1>")
