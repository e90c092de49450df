# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.form["name"]
    bar = do_something(param)
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
