# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return str(bool(re.search(bar, "input text")))
