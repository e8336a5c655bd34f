"""The WSGI entry (``gunicorn gongkai.wsgi:application``; ``gongkai serve`` starts it).

It refuses to serve with unsafe settings (DEBUG on, the development or a short
secret key, ``ALLOWED_HOSTS`` of ``*``): one Chinese line on stderr saying what to
set, and the process exits. The status is gunicorn's "application failed to load"
(4), so that gunicorn stops instead of starting the worker again and again.

``gongkai serve`` has gunicorn load it once, in the master, before the workers
fork (``--preload``, ADR 23). No database connection may be open then: a socket
shared by several processes mixes their conversations. Loading opens none; the
last line makes sure none crosses the fork.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

from gongkai.portal.server import APP_LOAD_ERROR, refuse_if_unsafe

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
application = get_wsgi_application()
refuse_if_unsafe(status=APP_LOAD_ERROR)
connections.close_all()
