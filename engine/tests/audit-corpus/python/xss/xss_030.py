# ok: xss

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_030", methods=["GET", "POST"])
def view_030():
    param = request.form["name"]
    bar = do_something(param)
    return mark_safe("<p>" + bar + "</p>")
