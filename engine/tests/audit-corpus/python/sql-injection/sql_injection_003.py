# expect: sql-injection (on the marked line)

from sqlalchemy import text
from app.db import cursor, db
from app.models import User

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    cursor.execute(f"UPDATE users SET seen = 1 WHERE name = '{bar}'")  # expect: sql-injection
