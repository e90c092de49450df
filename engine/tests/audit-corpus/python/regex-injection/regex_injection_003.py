# expect: regex-injection (on the marked line)

import re

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    pattern = re.compile(bar)  # expect: regex-injection
    return str(bool(pattern.match("input text")))
