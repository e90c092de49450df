# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "constant-value"
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar
    return resp
