# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_015", methods=["GET", "POST"])
def view_015():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyB"]
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
