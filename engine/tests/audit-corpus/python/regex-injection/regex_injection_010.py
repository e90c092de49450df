# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    return str(bool(re.search(re.escape(bar), "input text")))
