# expect: log-injection (on the marked line)

import logging
logger = logging.getLogger(__name__)

def view_003(request):
    param = request.GET.get("name", "")
    bar = param
    logging.warning("unknown item %s" % bar)  # expect: log-injection
    return "ok"
