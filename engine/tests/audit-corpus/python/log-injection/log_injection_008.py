# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
