# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_029", methods=["GET", "POST"])
def view_029():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return urllib.request.urlopen(bar).read()  # expect: ssrf
