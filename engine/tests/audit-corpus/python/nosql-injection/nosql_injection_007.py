# expect: nosql-injection (on the marked line)

from app.mongo import db

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return str(db.users.find_one({"name": bar}))  # expect: nosql-injection
