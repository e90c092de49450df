# ok: weak-random

from flask import Flask, request
import random
import secrets
import string
import uuid
from flask import session

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    token = secrets.token_urlsafe(32)
    session["reset_token"] = token
