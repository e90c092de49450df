# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    logger.info("login attempt for " + request.args["name"])  # expect: log-injection
    return "ok"
