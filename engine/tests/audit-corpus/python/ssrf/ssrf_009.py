# expect: ssrf (on the marked line)

import urllib.request
import httpx
import requests

def decorate(value):
    return value.strip()

def view_009(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return httpx.post("http://" + bar + "/hook", timeout=5).text  # expect: ssrf
