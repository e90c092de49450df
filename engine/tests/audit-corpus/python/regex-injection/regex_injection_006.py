# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.form["name"]
    bar = f"item-{param}"
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
