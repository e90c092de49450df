# expect: header-injection (on the marked line)

from urllib.parse import quote
from django.http import HttpResponse
from flask import make_response

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    response = HttpResponse("ok")
    response["X-Request-Name"] = bar  # expect: header-injection
    return response
