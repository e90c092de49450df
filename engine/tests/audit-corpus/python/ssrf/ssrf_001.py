# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    param = request.args.get("name", "")
    bar = param
    return requests.get(bar, timeout=5).text  # expect: ssrf
