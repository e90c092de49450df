# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))
