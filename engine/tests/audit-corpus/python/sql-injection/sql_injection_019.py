# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.headers.get("X-Name", "")
    bar = param
    db.session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": bar})
