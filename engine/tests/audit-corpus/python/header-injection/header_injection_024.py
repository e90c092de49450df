# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar
    return resp
