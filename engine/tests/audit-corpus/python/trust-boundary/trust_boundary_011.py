# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_011", methods=["GET", "POST"])
def view_011():
    param = request.form["name"]
    bar = param
    session["user_id"] = int(bar)
    return "ok"
