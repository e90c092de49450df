# ok: xss

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.args.get("name", "")
    bar = "constant-value"
    return make_response("<p>Hello " + bar + "</p>")
