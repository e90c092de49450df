# ok: ldap-injection

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_028", methods=["GET", "POST"])
def view_028():
    param = request.form["name"]
    if not param.isalnum():
        return "bad request", 400
    bar = param
    return str(ldap_conn.search("ou=users,dc=example,dc=com", f"(&(objectClass=person)(cn={bar}))"))
