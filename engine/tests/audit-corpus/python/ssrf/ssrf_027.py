# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return requests.get(bar, timeout=5).text  # expect: ssrf
