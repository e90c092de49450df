# ok: ssrf

import urllib.request
import httpx
import requests

def view_015(request):
    param = request.GET.get("name", "")
    bar = param
    return requests.get("https://api.example.com/search", params={"q": bar}, timeout=5).text
