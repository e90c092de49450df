# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_015", methods=["GET", "POST"])
def view_015():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyB"]
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar  # expect: header-injection
    return response
