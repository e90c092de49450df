# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    param = request.form["name"]
    bar = param
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
