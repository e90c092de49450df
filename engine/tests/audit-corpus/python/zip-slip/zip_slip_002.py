# expect: zip-slip (on the marked line)

from flask import Flask, request
import os
import tarfile
import zipfile

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    with tarfile.open(fileobj=request.files["archive"]) as tf:
        for member in tf.getmembers():
            target = os.path.join("/var/app/extract", member.name)
            with open(target, "wb") as out:  # expect: zip-slip
                out.write(tf.extractfile(member).read())
    return "ok"
