# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar  # expect: header-injection
    return response
