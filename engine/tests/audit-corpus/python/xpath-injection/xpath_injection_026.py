# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return str(tree.xpath("//user[@name='" + bar + "']"))
