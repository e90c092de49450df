# expect: regex-injection (on the marked line)

import re

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return str(bool(re.search(bar, "input text")))  # expect: regex-injection
