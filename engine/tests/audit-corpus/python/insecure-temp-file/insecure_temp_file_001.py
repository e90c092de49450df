# expect: insecure-temp-file (on the marked line)

from flask import Flask, request
import os
import tempfile

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    with open("/tmp/report.csv", "w") as f:  # expect: insecure-temp-file
        f.write("a,b")
