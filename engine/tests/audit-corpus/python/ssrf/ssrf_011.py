# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_011", methods=["GET", "POST"])
def view_011():
    return requests.get(request.args["name"], timeout=5).text  # expect: ssrf
