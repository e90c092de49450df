# expect: cors-misconfiguration (on the marked line)

from flask import Flask, request
from flask_cors import CORS
from fastapi.middleware.cors import CORSMiddleware
from app import app

app = Flask(__name__)

@app.route("/view_002", methods=["GET", "POST"])
def view_002():
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: cors-misconfiguration
