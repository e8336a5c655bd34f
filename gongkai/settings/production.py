"""Production settings: DEBUG off, HTTPS only, logs to files under the data folder.

Nothing here refuses to load, so ``gongkai manage migrate`` or ``collectstatic``
run before the secret key is set; ``gongkai serve`` and the WSGI entry refuse to
serve the public with DEBUG on, the development or a short key, or a host of
``*`` (``gongkai.portal.server.unsafe_setting``).
"""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = False

# --- HTTPS (nginx terminates TLS; docs/how-to/deploy.md) ---------------------------
# nginx says a request came over HTTPS in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Any plain-HTTP request is sent to HTTPS. GONGKAI_HTTPS=0 only for a site that
# is reached over plain HTTP on purpose (a closed test network, the benchmark).
_https = os.environ.get("GONGKAI_HTTPS", "1") == "1"
SECURE_SSL_REDIRECT = _https
# Browsers remember to use HTTPS only (HSTS), for a year by default.
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# --- Logs (issue 12; docs/reference/settings.md) -----------------------------------
# Every 500 with its traceback goes to stderr (gunicorn's log, the journal under
# systemd) and to logs/errors.log; the security log (sign-ins, refusals,
# throttles, reads of personal data: logger "gongkai.security") to
# logs/security.log. Both roll over at midnight; the security log keeps
# GONGKAI_SECURITY_LOG_DAYS days (网络安全法 第二十一条: at least six months).
GONGKAI_LOG_DIR = DATA_DIR / "logs"
GONGKAI_LOG_DIR.mkdir(parents=True, exist_ok=True)
GONGKAI_SECURITY_LOG_DAYS = int(os.environ.get("GONGKAI_SECURITY_LOG_DAYS", "200"))
GONGKAI_ERROR_LOG_DAYS = int(os.environ.get("GONGKAI_ERROR_LOG_DAYS", "90"))
_daily = "gongkai.core.logs.SharedTimedRotatingFileHandler"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
        }
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "line",
            "level": "WARNING",
        },
        "errors": {
            "class": _daily,
            "filename": str(GONGKAI_LOG_DIR / "errors.log"),
            "when": "midnight",
            "backupCount": GONGKAI_ERROR_LOG_DAYS,
            "encoding": "utf-8",
            "formatter": "line",
            "level": "ERROR",
        },
        "security": {
            "class": _daily,
            "filename": str(GONGKAI_LOG_DIR / "security.log"),
            "when": "midnight",
            "backupCount": GONGKAI_SECURITY_LOG_DAYS,
            "encoding": "utf-8",
            "formatter": "line",
            "level": "INFO",
        },
    },
    "loggers": {
        # 500s, with their traceback (Django logs them here at ERROR).
        "django.request": {
            "handlers": ["stderr", "errors"],
            "level": "ERROR",
            "propagate": False,
        },
        # Forged hosts, bad signatures, too many fields: Django's own refusals.
        "django.security": {
            "handlers": ["stderr", "security"],
            "level": "INFO",
            "propagate": False,
        },
        "gongkai.security": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
        "gongkai": {"handlers": ["stderr", "errors"], "level": "WARNING"},
    },
}
