# expect: sql-injection (on the marked line)

from sqlalchemy import text
from app.db import cursor, db
from app.models import User

def decorate(value):
    return value.strip()

def view_011(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % bar)  # expect: sql-injection
