# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.form["name"]
    bar = do_something(param)
    User.objects.raw("SELECT * FROM app_user WHERE name = '" + bar + "'")
