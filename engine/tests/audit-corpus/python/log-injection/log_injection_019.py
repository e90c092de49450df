# expect: log-injection (on the marked line)

from flask import Flask, request
import logging
logger = logging.getLogger(__name__)

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.form["name"]
    bar = do_something(param)
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
