# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    os.system("ping -c 1 " + request.args["name"])  # expect: command-injection
