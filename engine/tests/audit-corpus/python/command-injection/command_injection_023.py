# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyB"]
    subprocess.run("ls " + bar, shell=True)  # expect: command-injection
