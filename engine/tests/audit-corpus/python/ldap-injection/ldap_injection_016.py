# ok: ldap-injection

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_016", methods=["GET", "POST"])
def view_016():
    param = request.args.get("name", "")
    limit = 86
    bar = "fixed_value" if limit * 3 > 200 else param
    return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + bar + ")"))
