# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.headers.get("X-Name", "")
    bar = param
    subprocess.run("ls " + shlex.quote(bar), shell=True)
