# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_031", methods=["GET", "POST"])
def view_031():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = '" + bar + "'")  # expect: sql-injection
