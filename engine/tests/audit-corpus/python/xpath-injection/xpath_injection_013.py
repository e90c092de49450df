# ok: xpath-injection

from lxml import etree
tree = etree.parse("users.xml")

def view_013(request):
    param = request.GET.get("name", "")
    bar = param
    return str(tree.xpath("//user[@id='" + str(int(bar)) + "']"))
