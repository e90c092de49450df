# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyA"]
    pattern = re.compile(bar)
    return str(bool(pattern.match("input text")))
