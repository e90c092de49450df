# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.args.get("name", "")
    bar = "constant-value"
    os.system("ping -c 1 " + bar)
