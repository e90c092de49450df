# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_011", methods=["GET", "POST"])
def view_011():
    param = request.form["name"]
    bar = param
    return str(db.users.find_one({"name": str(bar)}))
