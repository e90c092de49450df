# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_017", methods=["GET", "POST"])
def view_017():
    param = request.form["name"]
    values = {"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
    bar = values["keyB"]
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
