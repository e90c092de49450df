# ok: cors-misconfiguration

from flask import Flask, request
from flask_cors import CORS
from fastapi.middleware.cors import CORSMiddleware
from app import app

app = Flask(__name__)

@app.route("/view_004", methods=["GET", "POST"])
def view_004():
    app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
