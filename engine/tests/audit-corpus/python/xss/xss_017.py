# ok: xss

import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

def view_017(request):
    param = request.GET.get("name", "")
    bar = param
    return HttpResponse("<p>Hello " + html.escape(bar) + "</p>")
