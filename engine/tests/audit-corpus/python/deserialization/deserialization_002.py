# expect: deserialization (on the marked line)

from flask import Flask, request
import json
import pickle
import yaml
from flask import request

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    obj = yaml.load(request.data, Loader=yaml.Loader)  # expect: deserialization
    return str(obj)
