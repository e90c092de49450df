# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[0]
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
