# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_011", methods=["GET", "POST"])
def view_011():
    param = request.form["name"]
    bar = param
    return str(bool(re.search(re.escape(bar), "input text")))
