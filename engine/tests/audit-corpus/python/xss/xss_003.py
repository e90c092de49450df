# expect: xss (on the marked line)

import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return Markup("<p>Hello %s</p>" % bar)  # expect: xss
