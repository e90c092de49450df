# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    pattern = re.compile(bar)
    return str(bool(pattern.match("input text")))
