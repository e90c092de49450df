# expect: ldap-injection (on the marked line)

from flask import Flask, request
import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

app = Flask(__name__)

@app.route("/view_023", methods=["GET", "POST"])
def view_023():
    param = request.args.get("name", "")
    selector = 1
    match selector:
        case 1:
            bar = param
        case 2:
            bar = "bob"
        case _:
            bar = "bob's your uncle"
    return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + bar + ")"))  # expect: ldap-injection
