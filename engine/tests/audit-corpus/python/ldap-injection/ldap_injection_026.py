# ok: ldap-injection

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_026", methods=["GET", "POST"])
def view_026():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        return "bad request", 400
    bar = param
    return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + bar + ")"))
