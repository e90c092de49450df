# ok: regex-injection

from flask import Flask, request
import re

app = Flask(__name__)

@app.route("/view_018", methods=["GET", "POST"])
def view_018():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    return str(bool(re.search(bar, "input text")))
