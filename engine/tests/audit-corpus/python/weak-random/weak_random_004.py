# expect: weak-random (on the marked line)

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    nonce = random.random()  # expect: weak-random
    session["nonce"] = nonce
