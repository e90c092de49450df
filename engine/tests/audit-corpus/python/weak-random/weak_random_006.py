# ok: weak-random

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    session_id = uuid.uuid4().hex
    session["sid"] = session_id
