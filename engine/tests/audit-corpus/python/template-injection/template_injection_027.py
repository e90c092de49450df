# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return render_template_string("<h1>Hello " + bar + "</h1>")  # expect: template-injection
