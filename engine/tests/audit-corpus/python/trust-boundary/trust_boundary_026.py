# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    request.session["role"] = bar
    return "ok"
