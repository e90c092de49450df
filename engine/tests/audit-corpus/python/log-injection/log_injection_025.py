# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
