# expect: insecure-temp-file (on the marked line)

from flask import Flask, request
import os
import tempfile

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    name = tempfile.mktemp()  # expect: insecure-temp-file
    with open(name, "w") as f:
        f.write("a,b")
