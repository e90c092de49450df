# ok: template-injection

from flask import render_template_string
from jinja2 import Environment, Template

def view_015(request):
    param = request.GET.get("name", "")
    bar = param
    return Template("Hello {{ name }}").render(name=bar)
