# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    bar = do_something(param)
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar
    return response
