# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_007", methods=["GET", "POST"])
def view_007():
    param = request.args.get("name", "")
    bar = param
    os.popen("nslookup " + bar).read()  # expect: command-injection
