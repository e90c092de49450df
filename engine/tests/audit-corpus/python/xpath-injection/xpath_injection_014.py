# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_014", methods=["GET", "POST"])
def view_014():
    param = request.args.get("name", "")
    bar = "constant-value"
    return str(tree.xpath("//user[@name='" + bar + "']"))
