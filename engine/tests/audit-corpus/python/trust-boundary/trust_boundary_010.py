# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    session["user_id"] = int(bar)
    return "ok"
