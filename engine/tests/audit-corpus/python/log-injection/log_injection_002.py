# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    param = request.form["name"]
    bar = param
    logger.info("login attempt for " + bar)  # expect: log-injection
    return "ok"
