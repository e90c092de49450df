# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return str(db.users.find_one({"name": bar}))
