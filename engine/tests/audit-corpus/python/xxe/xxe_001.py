# expect: xxe (on the marked line)

from flask import Flask, request
import xml.dom.minidom
import defusedxml.ElementTree
from lxml import etree
from flask import request

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    tree = etree.fromstring(request.data, etree.XMLParser(resolve_entities=True))  # expect: xxe
    return tree.tag
