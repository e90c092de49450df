# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + request.args["name"]  # expect: header-injection
    return resp
