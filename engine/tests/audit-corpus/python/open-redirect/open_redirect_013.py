# ok: open-redirect

from flask import redirect, url_for
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

def view_013(request):
    param = request.GET.get("name", "")
    bar = param
    return redirect(bar if url_has_allowed_host_and_scheme(bar, allowed_hosts={"example.com"}) else "/")
