# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    logger.info("login attempt for " + bar)  # expect: log-injection
    return "ok"
