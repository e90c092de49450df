# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_032", methods=["GET", "POST"])
def view_032():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = '" + bar + "'")
