# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return str(bool(re.search(bar, "input text")))  # expect: regex-injection
