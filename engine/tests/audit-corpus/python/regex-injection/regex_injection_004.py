# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    param = request.headers.get("X-Name", "")
    bar = param
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
