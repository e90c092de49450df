# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 2 > 200 else param
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
