# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    param = request.form["name"]
    bar = param
    return open("/var/app/files/" + os.path.basename(bar)).read()
