# ok: command-injection

import os
import shlex
import subprocess

def view_017(request):
    param = request.GET.get("name", "")
    bar = param
    subprocess.run(["ls", "--", bar], check=False)
