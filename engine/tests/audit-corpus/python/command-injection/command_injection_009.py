# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    param = request.args.get("name", "")
    bar = "item-" + param
    os.system("ping -c 1 " + bar)  # expect: command-injection
