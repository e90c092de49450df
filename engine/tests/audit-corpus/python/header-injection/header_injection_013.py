# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_013", methods=["GET", "POST"])
def view_013():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 2 > 200 else param
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar  # expect: header-injection
    return resp
