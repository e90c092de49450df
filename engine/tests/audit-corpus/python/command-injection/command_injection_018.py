# ok: command-injection

import os
import shlex
import subprocess

def view_018(request):
    param = request.GET.get("name", "")
    bar = param
    subprocess.run("ls " + shlex.quote(bar), shell=True)
