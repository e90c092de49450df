# expect: command-injection (on the marked line)

import os
import shlex
import subprocess

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    subprocess.run("ls " + bar, shell=True)  # expect: command-injection
