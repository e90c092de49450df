# ok: command-injection

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.form["name"]
    bar = do_something(param)
    os.popen("nslookup " + bar).read()
