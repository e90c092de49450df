# ok: open-redirect

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_011", methods=["GET", "POST"])
def view_011():
    param = request.form["name"]
    bar = param
    return redirect(url_for("search", q=bar))
