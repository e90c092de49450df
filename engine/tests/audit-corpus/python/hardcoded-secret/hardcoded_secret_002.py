# expect: hardcoded-secret (on the marked line)

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    API_KEY = "q8Zr2LmX4vN7pK1sT9wY3bC6"  # expect: hardcoded-secret
