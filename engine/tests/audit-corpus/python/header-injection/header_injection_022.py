# ok: header-injection

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.args.get("name", "")
    selector = 2
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar
    return resp
