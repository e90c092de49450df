# expect: xpath-injection (on the marked line)

from lxml import etree
tree = etree.parse("users.xml")

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    return str(etree.XPath("//user[@name='%s']" % bar)(tree))  # expect: xpath-injection
