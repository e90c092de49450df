# expect: xxe (on the marked line)

from flask import Flask, request
import xml.dom.minidom
import defusedxml.ElementTree
from lxml import etree
from flask import request

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    doc = xml.dom.minidom.parseString(request.data)  # expect: xxe
    return doc.documentElement.tagName
