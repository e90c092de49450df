# ok: jwt-verification

from flask import Flask, request
import jwt
key = open("/etc/app/jwt.pub").read()
token = ""

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    claims = jwt.decode(token, key, algorithms=["RS256"])
    return claims["sub"]
