# expect: deserialization (on the marked line)

from flask import Flask, request
import json
import pickle
import yaml
from flask import request

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    obj = pickle.loads(request.data)  # expect: deserialization
    return str(obj)
