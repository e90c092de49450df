# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_018", methods=["GET", "POST"])
def view_018():
    param = request.args.get("name", "")
    bar = "constant-value"
    return open("/var/app/files/" + bar).read()
