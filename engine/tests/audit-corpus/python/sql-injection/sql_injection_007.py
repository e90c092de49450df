# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_007", methods=["GET", "POST"])
def view_007():
    param = request.args.get("name", "")
    bar = param
    User.objects.raw("SELECT * FROM app_user WHERE name = '" + bar + "'")  # expect: sql-injection
