# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
