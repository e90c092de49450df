# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_015", methods=["GET", "POST"])
def view_015():
    param = request.form["name"]
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = %s", (bar,))
