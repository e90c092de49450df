# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    param = request.args.get("name", "")
    bar = "item-" + param
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
