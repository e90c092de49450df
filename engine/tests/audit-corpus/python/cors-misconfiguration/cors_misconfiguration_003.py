# ok: cors-misconfiguration

from flask import Flask, request
from flask_cors import CORS
from fastapi.middleware.cors import CORSMiddleware
from app import app

app = Flask(__name__)

@app.route("/view_003", methods=["GET", "POST"])
def view_003():
    CORS(app, origins=["https://app.example.com"], supports_credentials=True)
