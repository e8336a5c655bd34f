"""The WSGI entry (``gunicorn gongkai.wsgi:application``; ``gongkai serve`` starts it).

It refuses to serve with unsafe settings (DEBUG on, the development or a short
secret key, ``ALLOWED_HOSTS`` of ``*``): one Chinese line on stderr saying what to
set, and the process exits. The status is gunicorn's "application failed to load"
(4), so that gunicorn stops instead of starting the worker again and again.
"""

import os

from django.core.wsgi import get_wsgi_application

from gongkai.portal.server import APP_LOAD_ERROR, refuse_if_unsafe

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
application = get_wsgi_application()
refuse_if_unsafe(status=APP_LOAD_ERROR)
