# expect: weak-random (on the marked line)

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    password = str(random.randint(100000, 999999))  # expect: weak-random
    session["otp"] = password
