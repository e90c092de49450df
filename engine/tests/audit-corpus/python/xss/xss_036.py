# ok: xss

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

@app.route("/view_036", methods=["GET", "POST"])
def view_036():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return Markup("<p>Hello %s</p>" % bar)
