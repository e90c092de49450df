# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_033", methods=["GET", "POST"])
def view_033():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    subprocess.run("ls " + bar, shell=True)  # expect: command-injection
