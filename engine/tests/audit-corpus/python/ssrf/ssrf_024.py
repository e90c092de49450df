# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.form["name"]
    bar = do_something(param)
    return requests.get(bar, timeout=5).text
