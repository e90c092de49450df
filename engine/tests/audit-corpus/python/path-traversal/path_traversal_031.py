# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_031", methods=["GET", "POST"])
def view_031():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return send_file(os.path.join("/var/app/files", bar))  # expect: path-traversal
