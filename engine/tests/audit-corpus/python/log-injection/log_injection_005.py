# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    param = request.args.get("name", "")
    bar = "item-" + param
    logger.info("login attempt for " + bar)  # expect: log-injection
    return "ok"
