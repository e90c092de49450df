# expect: trust-boundary (on the marked line)

from flask import session

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    session["user_id"] = bar  # expect: trust-boundary
    return "ok"
