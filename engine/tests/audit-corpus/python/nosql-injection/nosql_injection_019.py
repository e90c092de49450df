# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.form["name"]
    bar = do_something(param)
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))  # expect: nosql-injection
