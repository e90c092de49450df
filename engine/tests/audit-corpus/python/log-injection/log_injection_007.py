# expect: log-injection (on the marked line)

import logging
logger = logging.getLogger(__name__)

def decorate(value):
    return value.strip()

def view_007(request):
    param = request.GET.get("name", "")
    bar = decorate(param)
    logger.info("login attempt for " + bar)  # expect: log-injection
    return "ok"
