# expect: xpath-injection (on the marked line)

from lxml import etree
tree = etree.parse("users.xml")

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    return str(tree.xpath("//user[@name='" + bar + "']"))  # expect: xpath-injection
