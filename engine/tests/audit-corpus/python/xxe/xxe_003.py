# ok: xxe

from flask import Flask, request
import xml.dom.minidom
import defusedxml.ElementTree
from lxml import etree
from flask import request

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    tree = defusedxml.ElementTree.fromstring(request.data)
    return tree.tag
