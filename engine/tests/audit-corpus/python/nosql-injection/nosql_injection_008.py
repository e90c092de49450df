# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))  # expect: nosql-injection
