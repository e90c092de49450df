# expect: sql-injection (on the marked line)

from flask import Flask, request
from sqlalchemy import text
from app.db import cursor, db
from app.models import User

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.form["name"]
    bar = do_something(param)
    User.objects.raw("SELECT * FROM app_user WHERE name = '" + bar + "'")  # expect: sql-injection
