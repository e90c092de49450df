# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_018", methods=["GET", "POST"])
def view_018():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    return requests.get(bar, timeout=5).text
