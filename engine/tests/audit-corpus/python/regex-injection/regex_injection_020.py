# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    bar = do_something(param)
    pattern = re.compile(bar)
    return str(bool(pattern.match("input text")))
