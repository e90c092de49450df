# expect: insecure-cookie (on the marked line)

from flask import Flask, request
from flask import make_response
from app.auth import new_session

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    resp = make_response("ok")
    resp.set_cookie("session", new_session(), secure=False, httponly=True)  # expect: insecure-cookie
    return resp
