# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.form["name"]
    bar = param
    os.popen("nslookup " + bar).read()  # expect: command-injection
