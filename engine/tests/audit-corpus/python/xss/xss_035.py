# expect: xss (on the marked line)

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

@app.route("/view_035", methods=["GET", "POST"])
def view_035():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return Markup("<p>Hello %s</p>" % bar)  # expect: xss
