# ok: weak-crypto

from flask import Flask, request
import hashlib
from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
data = b"payload"
key = bytes(16)

app = Flask(__name__)

@app.route("/view_008", methods=["GET", "POST"])
def view_008():
    digest = hashlib.new("sha256", data).hexdigest()
