# expect: header-injection (on the marked line)

from flask import Flask, request
from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

app = Flask(__name__)

@app.route("/view_021", methods=["GET", "POST"])
def view_021():
    param = request.args.get("name", "")
    selector = 1
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar  # expect: header-injection
    return resp
