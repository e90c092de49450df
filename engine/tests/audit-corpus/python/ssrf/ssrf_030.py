# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_030", methods=["GET", "POST"])
def view_030():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return urllib.request.urlopen(bar).read()
