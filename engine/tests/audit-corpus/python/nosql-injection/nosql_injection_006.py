# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.form["name"]
    bar = f"item-{param}"
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))  # expect: nosql-injection
