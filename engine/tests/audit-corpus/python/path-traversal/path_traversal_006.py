# expect: path-traversal (on the marked line)

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.cookies.get("name", "")
    bar = param
    os.remove(os.path.join("/var/app/uploads", bar))  # expect: path-traversal
