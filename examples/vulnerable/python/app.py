"""A small Flask app with classic mistakes."""
import hashlib
import os
import pickle
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, redirect, request

app = Flask(__name__)
API_SECRET = "q8Zr2LmX4vN7pK1sT9wY3bC6"


def db():
    return sqlite3.connect("app.db")


@app.route("/user")
def user():
    user_id = request.args.get("id")
    cur = db().cursor()
    cur.execute(f"SELECT * FROM users WHERE id = '{user_id}'")
    return str(cur.fetchall())


@app.route("/ping")
def ping():
    host = request.args["host"]
    subprocess.run(f"ping -c 1 {host}", shell=True)
    return "ok"


@app.route("/config", methods=["POST"])
def load_config():
    return yaml.load(request.data)


@app.route("/session")
def session():
    return pickle.loads(request.cookies["session"].encode())


@app.route("/fetch")
def fetch():
    return requests.get(request.args["url"], timeout=5, verify=False).text


@app.route("/file")
def read_file():
    name = request.args["name"]
    with open(os.path.join("/srv/files", name)) as fh:
        return fh.read()


@app.route("/next")
def next_page():
    return redirect(request.args.get("next"))


def password_hash(password):
    return hashlib.md5(password.encode()).hexdigest()


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
