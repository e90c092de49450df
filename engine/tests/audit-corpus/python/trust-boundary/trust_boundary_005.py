# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    param = request.args.get("name", "")
    bar = "item-" + param
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
