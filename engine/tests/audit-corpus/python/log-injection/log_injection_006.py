# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    param = request.form["name"]
    bar = f"item-{param}"
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
