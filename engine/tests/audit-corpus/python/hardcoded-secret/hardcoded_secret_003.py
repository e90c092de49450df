# expect: hardcoded-secret (on the marked line)

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    conn = psycopg2.connect(host="db", user="app", password="Hunter2Secret!")  # expect: hardcoded-secret
