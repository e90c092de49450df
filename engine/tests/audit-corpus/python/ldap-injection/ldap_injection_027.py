# expect: ldap-injection (on the marked line)

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_027", methods=["GET", "POST"])
def view_027():
    param = request.form["name"]
    if not param.isalnum():
        print("unexpected value")
    bar = param
    return str(ldap_conn.search("ou=users,dc=example,dc=com", f"(&(objectClass=person)(cn={bar}))"))  # expect: ldap-injection
