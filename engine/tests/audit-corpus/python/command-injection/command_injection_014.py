# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.args.get("name", "")
    bar = param
    os.system("ping -c 1 " + shlex.quote(bar))
