# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    logger.info("login attempt for " + bar)
    return "ok"
