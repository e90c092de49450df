# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))  # expect: nosql-injection
