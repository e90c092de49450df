# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    param = request.headers.get("X-Name", "")
    bar = param
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
