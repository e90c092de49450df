# ok: weak-crypto

from flask import Flask, request
import hashlib
from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
data = b"payload"
key = bytes(16)

app = Flask(__name__)

@app.route("/view_007", methods=["GET", "POST"])
def view_007():
    digest = hashlib.sha256(data).hexdigest()
