# ok: ssrf

from flask import Flask, request
import urllib.request
import httpx
import requests

app = Flask(__name__)

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    return httpx.post("http://" + bar + "/hook", timeout=5).text
