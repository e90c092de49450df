# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.cookies.get("name", "")
    bar = param
    subprocess.check_output(f"grep {bar} /var/log/app.log", shell=True)  # expect: command-injection
