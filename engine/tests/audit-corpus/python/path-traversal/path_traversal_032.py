# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_032", methods=["GET", "POST"])
def view_032():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return send_file(os.path.join("/var/app/files", bar))
