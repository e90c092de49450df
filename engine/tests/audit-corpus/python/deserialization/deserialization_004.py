# ok: deserialization

from flask import Flask, request
import json
import pickle
import yaml
from flask import request

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    obj = yaml.safe_load(request.data)
    return str(obj)
