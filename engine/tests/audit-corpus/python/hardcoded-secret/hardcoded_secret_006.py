# ok: hardcoded-secret

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_006", methods=["GET", "POST"])
def view_006():
    conn = psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
