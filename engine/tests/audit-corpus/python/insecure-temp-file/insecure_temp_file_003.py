# ok: insecure-temp-file

from flask import Flask, request
import os
import tempfile

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("a,b")
