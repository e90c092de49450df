# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_007", methods=["GET", "POST"])
def view_007():
    param = request.args.get("name", "")
    bar = "item-" + param
    return open("/var/app/files/" + bar).read()  # expect: path-traversal
