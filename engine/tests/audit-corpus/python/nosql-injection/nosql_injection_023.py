# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
