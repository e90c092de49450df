# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
