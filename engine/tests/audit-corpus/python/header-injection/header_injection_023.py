# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar  # expect: header-injection
    return resp
