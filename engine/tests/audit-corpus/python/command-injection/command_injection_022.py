# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    os.system("ping -c 1 " + bar)
