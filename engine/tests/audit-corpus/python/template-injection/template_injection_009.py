# expect: template-injection (on the marked line)

from flask import render_template_string
from jinja2 import Environment, Template

def decorate(value):
    return value.strip()

def view_009(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return Environment().from_string(bar).render()  # expect: template-injection
