# ok: sql-injection

from sqlalchemy import text
from app.db import cursor, db
from app.models import User

def view_017(request):
    param = request.GET.get("name", "")
    bar = param
    User.objects.raw("SELECT * FROM app_user WHERE name = %s", [bar])
