# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[0]
    logger.info("login attempt for " + bar)  # expect: log-injection
    return "ok"
