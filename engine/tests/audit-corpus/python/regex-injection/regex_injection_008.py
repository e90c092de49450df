# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
