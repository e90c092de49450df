# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 2 > 200 else param
    return requests.get(bar, timeout=5).text  # expect: ssrf
