# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_033", methods=["GET", "POST"])
def view_033():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    cursor.execute(f"UPDATE users SET seen = 1 WHERE name = '{bar}'")  # expect: sql-injection
