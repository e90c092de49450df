# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[0]
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
