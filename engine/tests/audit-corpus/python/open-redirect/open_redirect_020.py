# ok: open-redirect

from flask import Flask, request
from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

app = Flask(__name__)

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    return redirect(bar)
