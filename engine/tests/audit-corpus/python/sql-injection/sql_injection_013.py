# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    cursor.execute("SELECT * FROM users WHERE name = '" + request.args["name"] + "'")  # expect: sql-injection
