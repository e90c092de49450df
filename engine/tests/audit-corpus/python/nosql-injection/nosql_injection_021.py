# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_021", methods=["GET", "POST"])
def view_021():
    param = request.args.get("name", "")
    selector = 1
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
