# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.args.get("name", "")
    bar = "constant-value"
    return requests.get(bar, timeout=5).text
