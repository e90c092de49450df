# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    session["user_id"] = bar
    return "ok"
