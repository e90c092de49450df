# ok: open-redirect

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return redirect(bar)
