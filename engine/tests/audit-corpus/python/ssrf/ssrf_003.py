# expect: ssrf (on the marked line)

import urllib.request
import httpx
import requests

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return urllib.request.urlopen(bar).read()  # expect: ssrf
