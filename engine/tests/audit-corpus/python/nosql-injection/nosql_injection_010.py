# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    return str(db.users.find_one({"name": str(bar)}))
