# ok: nosql-injection

from flask import Flask, request
from app.mongo import db

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))
