# expect: path-traversal (on the marked line)

import os
from flask import send_file, send_from_directory
from werkzeug.utils import secure_filename

def view_005(request):
    param = request.POST["name"]
    bar = param
    os.remove(os.path.join("/var/app/uploads", bar))  # expect: path-traversal
