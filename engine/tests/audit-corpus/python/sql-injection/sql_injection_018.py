# ok: sql-injection

from sqlalchemy import text
from app.db import cursor, db
from app.models import User

def view_018(request):
    param = request.GET.get("name", "")
    bar = param
    db.session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": bar})
