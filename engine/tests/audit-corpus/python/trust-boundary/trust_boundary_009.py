# expect: trust-boundary (on the marked line)

from flask import Flask, request
from flask import session

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    session["user_id"] = request.args["name"]  # expect: trust-boundary
    return "ok"
