# expect: template-injection (on the marked line)

from flask import render_template_string
from jinja2 import Environment, Template

def view_005(request):
    param = request.POST["name"]
    bar = param
    return Environment().from_string(bar).render()  # expect: template-injection
