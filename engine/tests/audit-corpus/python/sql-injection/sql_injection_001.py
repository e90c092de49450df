# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    param = request.args.get("name", "")
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = '" + bar + "'")  # expect: sql-injection
