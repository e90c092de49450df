# expect: hardcoded-secret (on the marked line)

from flask import Flask, request
import os
import psycopg2
from sqlalchemy import create_engine

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    engine = create_engine("postgresql://app:Tr0ub4dor3@db.internal:5432/app")  # expect: hardcoded-secret
