# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_032", methods=["GET", "POST"])
def view_032():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    os.system("ping -c 1 " + bar)
