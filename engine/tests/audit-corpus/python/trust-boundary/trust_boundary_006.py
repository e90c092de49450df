# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.form["name"]
    bar = f"item-{param}"
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
