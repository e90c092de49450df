# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "constant-value"
    session["user_id"] = bar
    return "ok"
