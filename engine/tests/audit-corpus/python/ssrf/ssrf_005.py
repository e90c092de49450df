# expect: ssrf (on the marked line)

import urllib.request
import httpx
import requests

def view_005(request):
    param = request.POST["name"]
    bar = param
    return httpx.post("http://" + bar + "/hook", timeout=5).text  # expect: ssrf
