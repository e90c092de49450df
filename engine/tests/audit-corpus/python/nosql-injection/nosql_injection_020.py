# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    bar = do_something(param)
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))
