# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    logging.warning("unknown item %s" % bar)
    return "ok"
