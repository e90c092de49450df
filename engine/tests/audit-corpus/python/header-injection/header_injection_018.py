# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_018", methods=["GET", "POST"])
def view_018():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar
    return resp
