# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[0]
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar  # expect: header-injection
    return resp
