# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.form["name"]
    bar = param
    return requests.get("https://api.example.com/search", params={"q": bar}, timeout=5).text
