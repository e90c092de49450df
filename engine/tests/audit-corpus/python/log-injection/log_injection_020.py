# ok: log-injection

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.form["name"]
    bar = do_something(param)
    logging.warning("unknown item %s" % bar)
    return "ok"
