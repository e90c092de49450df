# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    param = request.args.get("name", "")
    bar = param
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
