# expect: header-injection (on the marked line)

from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    resp = make_response("ok")
    resp.headers["Content-Disposition"] = "attachment; filename=" + bar  # expect: header-injection
    return resp
