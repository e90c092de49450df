# expect: xss (on the marked line)

from flask import Flask, request
import html
import bleach
from markupsafe import Markup, escape
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import make_response, render_template

app = Flask(__name__)

@app.route("/view_033", methods=["GET", "POST"])
def view_033():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return make_response("<p>Hello " + bar + "</p>")  # expect: xss
