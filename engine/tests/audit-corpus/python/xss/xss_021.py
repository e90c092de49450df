# ok: xss

import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

def view_021(request):
    param = request.POST["name"]
    bar = param
    return render_template("hello.html", name=bar)
