# expect: template-injection (on the marked line)

from flask import Flask, request
from flask import render_template_string
from jinja2 import Environment, Template

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.cookies.get("name", "")
    bar = param
    return Environment().from_string(bar).render()  # expect: template-injection
