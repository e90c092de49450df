# expect: jwt-verification (on the marked line)

from flask import Flask, request
import jwt
key = open("/etc/app/jwt.pub").read()
token = ""

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: jwt-verification
    return claims["sub"]
