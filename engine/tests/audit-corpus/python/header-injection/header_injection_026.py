# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar
    return response
