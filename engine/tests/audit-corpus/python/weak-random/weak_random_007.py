# ok: weak-random

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_007", methods=["GET", "POST"])
def view_007():
    password = "".join(secrets.choice(string.digits) for _ in range(6))
    session["otp"] = password
