# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    return str(tree.xpath("//user[@name='" + bar + "']"))
