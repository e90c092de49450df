# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_010", methods=["GET", "POST"])
def view_010():
    param = request.args.get("name", "")
    bar = param
    return str(tree.xpath("//user[@name=$name]", name=bar))
