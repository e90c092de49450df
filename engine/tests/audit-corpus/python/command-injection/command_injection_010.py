# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.form["name"]
    bar = f"item-{param}"
    subprocess.run("ls " + bar, shell=True)  # expect: command-injection
