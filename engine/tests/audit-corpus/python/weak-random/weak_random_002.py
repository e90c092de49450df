# expect: weak-random (on the marked line)

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    session_id = str(random.getrandbits(64))  # expect: weak-random
    session["sid"] = session_id
