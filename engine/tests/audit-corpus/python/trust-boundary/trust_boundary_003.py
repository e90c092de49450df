# expect: trust-boundary (on the marked line)

from flask import session

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    request.session["role"] = bar  # expect: trust-boundary
    return "ok"
