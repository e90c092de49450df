# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    param = request.headers.get("X-Name", "")
    bar = param
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
