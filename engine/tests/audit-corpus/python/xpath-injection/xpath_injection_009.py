# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_009", methods=["GET", "POST"])
def view_009():
    return str(tree.xpath("//user[@name='" + request.args["name"] + "']"))  # expect: xpath-injection
