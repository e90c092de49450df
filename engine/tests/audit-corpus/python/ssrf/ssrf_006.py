# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.cookies.get("name", "")
    bar = param
    return httpx.post("http://" + bar + "/hook", timeout=5).text  # expect: ssrf
