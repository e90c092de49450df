# expect: ldap-injection (on the marked line)

import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return str(ldap_conn.search("ou=users,dc=example,dc=com", f"(&(objectClass=person)(cn={bar}))"))  # expect: ldap-injection
