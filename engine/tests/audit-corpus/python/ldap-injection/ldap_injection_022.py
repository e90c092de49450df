# ok: ldap-injection

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

def do_something(value):
    fixed = "safe!"
    return fixed

@app.route("/view_022", methods=["GET", "POST"])
def view_022():
    param = request.form["name"]
    bar = do_something(param)
    return str(ldap_conn.search("ou=users,dc=example,dc=com", f"(&(objectClass=person)(cn={bar}))"))
