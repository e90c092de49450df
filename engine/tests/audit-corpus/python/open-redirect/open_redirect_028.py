# ok: open-redirect

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return HttpResponseRedirect(bar)
