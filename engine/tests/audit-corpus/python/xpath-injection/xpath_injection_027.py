# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
