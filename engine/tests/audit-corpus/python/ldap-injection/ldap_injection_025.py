# expect: ldap-injection (on the marked line)

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_025", methods=["GET", "POST"])
def view_025():
    param = request.args.get("name", "")
    if param not in ("alpha", "beta"):
        print("unexpected value")
    bar = param
    return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + bar + ")"))  # expect: ldap-injection
