# ok: deserialization

from flask import Flask, request
import json
import pickle
import yaml
from flask import request

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    obj = json.loads(request.data)
    return str(obj)
