# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    param = request.form["name"]
    bar = param
    return str(bool(re.search(bar, "input text")))  # expect: regex-injection
