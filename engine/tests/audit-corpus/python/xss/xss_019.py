# ok: xss

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.headers.get("X-Name", "")
    bar = param
    return Markup("<p>Hello %s</p>" % bleach.clean(bar))
