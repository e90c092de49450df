# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    param = request.args.get("name", "")
    bar = "item-{}".format(param)
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
