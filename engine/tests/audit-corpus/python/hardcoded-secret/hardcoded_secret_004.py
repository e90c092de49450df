# ok: hardcoded-secret

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    engine = create_engine(os.environ["DATABASE_URL"])
