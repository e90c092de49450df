# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 2 > 200 else param
    return render_template_string("<h1>Hello " + bar + "</h1>")  # expect: template-injection
