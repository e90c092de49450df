# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 2 > 200 else param
    return open("/var/app/files/" + bar).read()  # expect: path-traversal
