# expect: path-traversal (on the marked line)

import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return send_file(os.path.join("/var/app/files", bar))  # expect: path-traversal
