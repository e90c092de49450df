# expect: ssrf (on the marked line)

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.form["name"]
    bar = do_something(param)
    return requests.get(bar, timeout=5).text  # expect: ssrf
