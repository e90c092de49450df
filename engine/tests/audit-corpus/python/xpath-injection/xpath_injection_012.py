# ok: xpath-injection

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_012", methods=["GET", "POST"])
def view_012():
    param = request.form["name"]
    bar = param
    return str(tree.xpath("//user[@id='" + str(int(bar)) + "']"))
