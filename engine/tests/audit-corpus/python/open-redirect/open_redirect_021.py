# expect: open-redirect (on the marked line)

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_021", methods=["GET", "POST"])
def view_021():
    param = request.form["name"]
    bar = do_something(param)
    return HttpResponseRedirect(bar)  # expect: open-redirect
