# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_034", methods=["GET", "POST"])
def view_034():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    subprocess.run("ls " + bar, shell=True)
