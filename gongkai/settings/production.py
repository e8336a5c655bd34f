"""Production settings: refuse to start with development defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if "GONGKAI_SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set in production.")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# nginx terminates TLS and says so in X-Forwarded-Proto (docs/how-to/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
