# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.form["name"]
    bar = do_something(param)
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))
