# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    param = request.headers.get("X-Name", "")
    bar = param
    subprocess.run("ls " + bar, shell=True)  # expect: command-injection
