# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    param = request.headers.get("X-Name", "")
    bar = param
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
