# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_019", methods=["GET", "POST"])
def view_019():
    param = request.args.get("name", "")
    values_list = ["safe", param, "moresafe"]
    values_list.pop(0)
    bar = values_list[0]
    return str(tree.xpath("//user[@name='" + bar + "']"))  # expect: xpath-injection
