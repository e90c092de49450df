# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_020", methods=["GET", "POST"])
def view_020():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[1]
    return str(tree.xpath("//user[@name='" + bar + "']"))
