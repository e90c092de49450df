# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    param = request.args.get("name", "")
    bar = "item-" + param
    return str(tree.xpath("//user[@name='" + bar + "']"))  # expect: xpath-injection
