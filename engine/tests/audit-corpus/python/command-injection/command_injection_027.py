# expect: command-injection (on the marked line)

from flask import Flask, request
import os
import shlex
import subprocess

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.form["name"]
    bar = do_something(param)
    os.popen("nslookup " + bar).read()  # expect: command-injection
