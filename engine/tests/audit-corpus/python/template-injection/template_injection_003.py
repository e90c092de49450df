# expect: template-injection (on the marked line)

from flask import render_template_string
from jinja2 import Environment, Template

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return Template("Hello " + bar).render()  # expect: template-injection
