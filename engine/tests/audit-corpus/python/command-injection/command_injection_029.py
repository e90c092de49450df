# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_029", methods=["GET", "POST"])
def view_029():
    param = request.args.get("name", "")
    selector = 1
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    os.system("ping -c 1 " + bar)  # expect: command-injection
