# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.form["name"]
    bar = do_something(param)
    return render_template_string("<h1>Hello " + bar + "</h1>")  # expect: template-injection
