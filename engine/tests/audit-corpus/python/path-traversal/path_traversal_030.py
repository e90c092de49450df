# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_030", methods=["GET", "POST"])
def view_030():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return open("/var/app/files/" + bar).read()
