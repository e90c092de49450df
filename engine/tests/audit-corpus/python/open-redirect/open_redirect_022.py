# ok: open-redirect

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.form["name"]
    bar = do_something(param)
    return HttpResponseRedirect(bar)
