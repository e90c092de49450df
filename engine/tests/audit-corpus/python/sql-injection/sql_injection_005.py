# expect: sql-injection (on the marked line)

from sqlalchemy import text
from app.db import cursor, db
from app.models import User

def view_005(request):
    param = request.POST["name"]
    bar = param
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % bar)  # expect: sql-injection
