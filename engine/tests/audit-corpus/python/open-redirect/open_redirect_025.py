# expect: open-redirect (on the marked line)

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return redirect(bar)  # expect: open-redirect
