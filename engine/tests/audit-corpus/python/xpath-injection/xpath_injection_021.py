# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

def do_something(value):
    return value + "_checked"

@app.route("/view_021", methods=["GET", "POST"])
def view_021():
    param = request.form["name"]
    bar = do_something(param)
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
