# expect: command-injection (on the marked line)

import os
import shlex
import subprocess

def decorate(value):
    return value.strip()

def view_011(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    subprocess.check_output(f"grep {bar} /var/log/app.log", shell=True)  # expect: command-injection
