# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_029", methods=["GET", "POST"])
def view_029():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return open("/var/app/files/" + bar).read()  # expect: path-traversal
