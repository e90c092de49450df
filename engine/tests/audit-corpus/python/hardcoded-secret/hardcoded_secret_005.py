# ok: hardcoded-secret

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_005", methods=["GET", "POST"])
def view_005():
    API_KEY = os.environ["API_KEY"]
