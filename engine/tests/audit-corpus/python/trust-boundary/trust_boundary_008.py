# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
