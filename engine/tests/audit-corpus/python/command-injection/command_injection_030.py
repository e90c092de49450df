# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_030", methods=["GET", "POST"])
def view_030():
    param = request.args.get("name", "")
    selector = 2
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    os.system("ping -c 1 " + bar)
