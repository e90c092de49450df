# expect: xss (on the marked line)

import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

def decorate(value):
    return value.strip()

def view_011(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return HttpResponse("<p>Hello " + bar + "</p>")  # expect: xss
