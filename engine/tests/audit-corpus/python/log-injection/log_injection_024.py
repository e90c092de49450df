# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    logger.info("login attempt for " + bar)
    return "ok"
