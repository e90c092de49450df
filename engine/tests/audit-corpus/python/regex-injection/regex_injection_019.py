# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.form["name"]
    bar = do_something(param)
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
