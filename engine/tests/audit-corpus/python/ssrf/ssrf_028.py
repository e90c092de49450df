# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return requests.get(bar, timeout=5).text
