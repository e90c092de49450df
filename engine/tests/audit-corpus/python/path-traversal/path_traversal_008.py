# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.form["name"]
    bar = f"item-{param}"
    return send_file(os.path.join("/var/app/files", bar))  # expect: path-traversal
