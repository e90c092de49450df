# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    logger.info("login attempt for %s", repr(bar))
    return "ok"
