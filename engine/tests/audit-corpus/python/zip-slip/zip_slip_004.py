# ok: zip-slip

from flask import Flask, request
import os
import tarfile
import zipfile

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    with zipfile.ZipFile(request.files["archive"]) as zf:
        zf.extractall("/var/app/extract")
    return "ok"
