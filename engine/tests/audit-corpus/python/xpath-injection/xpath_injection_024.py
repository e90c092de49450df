# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_024", methods=["GET", "POST"])
def view_024():
    param = request.args.get("name", "")
    selector = 2
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    return str(tree.xpath("//user[@name='" + bar + "']"))
