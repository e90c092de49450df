# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.form["name"]
    bar = param
    subprocess.run(["ls", "--", bar], check=False)
