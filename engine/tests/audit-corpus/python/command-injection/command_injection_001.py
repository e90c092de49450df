# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    param = request.args.get("name", "")
    bar = param
    os.system("ping -c 1 " + bar)  # expect: command-injection
