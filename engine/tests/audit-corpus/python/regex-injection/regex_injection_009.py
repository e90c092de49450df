# expect: regex-injection (on the marked line)

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    return str(bool(re.search(request.args["name"], "input text")))  # expect: regex-injection
