# expect: nosql-injection (on the marked line)

from app.mongo import db

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return str(db.users.find({"$where": "this.name == '" + bar + "'"}))  # expect: nosql-injection
