# expect: xpath-injection (on the marked line)

from flask import Flask, request
from lxml import etree
tree = etree.parse("users.xml")

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return str(tree.xpath("//user[@name='" + bar + "']"))  # expect: xpath-injection
