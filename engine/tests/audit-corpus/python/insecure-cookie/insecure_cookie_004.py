# ok: insecure-cookie

from flask import Flask, request
from flask import make_response
from app.auth import new_session

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    resp = make_response("ok")
    resp.set_cookie("session", new_session(), secure=True, httponly=True, samesite="Lax")
    return resp
