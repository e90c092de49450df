# expect: nosql-injection (on the marked line)

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    return str(db.users.find_one({"name": request.args["name"]}))  # expect: nosql-injection
