# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % bar)
