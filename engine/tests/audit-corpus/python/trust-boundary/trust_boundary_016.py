# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyA"]
    request.session["role"] = bar
    return "ok"
