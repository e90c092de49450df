# expect: zip-slip (on the marked line)

from flask import Flask, request
import os
import tarfile
import zipfile

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    with zipfile.ZipFile(request.files["archive"]) as zf:
        for name in zf.namelist():
            with open(os.path.join("/var/app/extract", name), "wb") as out:  # expect: zip-slip
                out.write(zf.read(name))
    return "ok"
