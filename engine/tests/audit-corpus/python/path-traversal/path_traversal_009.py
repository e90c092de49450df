# expect: path-traversal (on the marked line)

import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

def decorate(value):
    return value.strip()

def view_009(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    os.remove(os.path.join("/var/app/uploads", bar))  # expect: path-traversal
