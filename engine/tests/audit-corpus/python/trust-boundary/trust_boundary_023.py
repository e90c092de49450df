# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
