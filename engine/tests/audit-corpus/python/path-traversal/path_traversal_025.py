# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    bar = do_something(param)
    return open("/var/app/files/" + bar).read()  # expect: path-traversal
