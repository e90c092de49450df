# expect: weak-crypto (on the marked line)

from flask import Flask, request
import hashlib
from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
data = b"payload"
key = bytes(16)

app = Flask(__name__)

@app.route("/view_001", methods=["GET", "POST"])
def view_001():
    digest = hashlib.md5(data).hexdigest()  # expect: weak-crypto
