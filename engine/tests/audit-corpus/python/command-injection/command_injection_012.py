# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    os.popen("nslookup " + bar).read()  # expect: command-injection
