# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.args.get("name", "")
    bar = "constant-value"
    logger.info("login attempt for " + bar)
    return "ok"
