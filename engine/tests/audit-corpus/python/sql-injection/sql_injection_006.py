# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.cookies.get("name", "")
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % bar)  # expect: sql-injection
