# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.form["name"]
    bar = do_something(param)
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar  # expect: header-injection
    return response
