# ok: sql-injection

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.form["name"]
    bar = param
    User.objects.raw("SELECT * FROM app_user WHERE name = %s", [bar])
