# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    bar = do_something(param)
    return open("/var/app/files/" + bar).read()
