# expect: weak-random (on the marked line)

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))  # expect: weak-random
    session["reset_token"] = token
