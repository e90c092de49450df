# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + quote(bar)
    return resp
