# ok: path-traversal

import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

def view_016(request):
    param = request.GET.get("name", "")
    bar = param
    return send_from_directory("/var/app/files", bar)
