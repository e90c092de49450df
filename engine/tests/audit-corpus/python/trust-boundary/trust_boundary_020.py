# ok: trust-boundary

from flask import Flask, request
from flask import session

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    bar = do_something(param)
    request.session["role"] = bar
    return "ok"
