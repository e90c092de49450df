# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_034", methods=["GET", "POST"])
def view_034():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    cursor.execute(f"UPDATE users SET seen = 1 WHERE name = '{bar}'")
