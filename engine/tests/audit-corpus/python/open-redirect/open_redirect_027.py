# expect: open-redirect (on the marked line)

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return HttpResponseRedirect(bar)  # expect: open-redirect
