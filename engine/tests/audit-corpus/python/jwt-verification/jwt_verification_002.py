# expect: jwt-verification (on the marked line)

from flask import Flask, request
import jwt
key = open("/etc/app/jwt.pub").read()
token = ""

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    claims = jwt.decode(token, key, algorithms=["none"])  # expect: jwt-verification
    return claims["sub"]
