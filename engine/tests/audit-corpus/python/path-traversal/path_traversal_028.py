# ok: path-traversal

from flask import Flask, request
import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.args.get("name", "")
    selector = 2
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    return send_file(os.path.join("/var/app/files", bar))
