# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    param = request.args.get("name", "")
    bar = "item-" + param
    return str(bool(re.search(bar, "input text")))  # expect: regex-injection
