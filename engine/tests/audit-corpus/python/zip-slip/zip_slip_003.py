# ok: zip-slip

from flask import Flask, request
import os
import tarfile
import zipfile

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    with zipfile.ZipFile(request.files["archive"]) as zf:
        for name in zf.namelist():
            with open(os.path.join("/var/app/extract", os.path.basename(name)), "wb") as out:
                out.write(zf.read(name))
    return "ok"
