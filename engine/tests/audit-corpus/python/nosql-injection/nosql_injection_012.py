# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "constant-value"
    return str(db.users.find_one({"name": bar}))
