# ok: insecure-temp-file

from flask import Flask, request
import os
import tempfile

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    fd, name = tempfile.mkstemp()
    os.write(fd, b"a,b")
