# expect: command-injection (on the marked line)

import os
import shlex
import subprocess

def view_005(request):
    param = request.POST["name"]
    bar = param
    subprocess.check_output(f"grep {bar} /var/log/app.log", shell=True)  # expect: command-injection
