# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar
    return resp
