# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_031", methods=["GET", "POST"])
def view_031():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    os.system("ping -c 1 " + bar)  # expect: command-injection
