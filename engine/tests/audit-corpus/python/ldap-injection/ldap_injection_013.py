# ok: ldap-injection

import ldap
import ldap.filter
from ldap3.utils.conv import escape_filter_chars
from app.directory import conn, ldap_conn

def view_013(request):
    param = request.GET.get("name", "")
    bar = param
    return str(conn.search_s("ou=users,dc=example,dc=com", ldap.SCOPE_SUBTREE, ldap.filter.filter_format("(uid=%s)", [bar])))
