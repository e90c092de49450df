# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    param = request.form["name"]
    bar = param
    os.system("ping -c 1 " + bar)  # expect: command-injection
