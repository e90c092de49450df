# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.args.get("name", "")
    selector = 2
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    logger.info("login attempt for " + bar)
    return "ok"
