# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "constant-value"
    return str(bool(re.search(bar, "input text")))
