# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = param
    return requests.get("https://api.example.com/items/" + str(int(bar)), timeout=5).text
