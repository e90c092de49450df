# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.form["name"]
    bar = f"item-{param}"
    return urllib.request.urlopen(bar).read()  # expect: ssrf
