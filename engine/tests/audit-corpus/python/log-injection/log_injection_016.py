# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyA"]
    logging.warning("unknown item %s" % bar)
    return "ok"
