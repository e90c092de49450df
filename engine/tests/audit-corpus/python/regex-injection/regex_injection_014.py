# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    return str(bool(re.search(bar, "input text")))
