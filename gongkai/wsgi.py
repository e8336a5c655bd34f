"""The WSGI entry (``gunicorn gongkai.wsgi:application``; ``gongkai serve`` starts it).

It refuses to serve with unsafe settings (DEBUG on, the development or a short
secret key, ``ALLOWED_HOSTS`` of ``*``): one Chinese line on stderr saying what to
set, and the process exits. The status is gunicorn's "application failed to load"
(4), so that gunicorn stops instead of starting the worker again and again.

``gongkai serve`` has gunicorn load it once, in the master, before the workers
fork (``--preload``, ADR 23). No database connection may be open then: a socket
shared by several processes mixes their conversations. Loading opens none; the
line closing them makes sure none crosses the fork.

What loading made lives as long as the process, so it is handed to no garbage
collection after (``gc.freeze``): a worker's full collection looks at what the
worker made since, not at the ~190,000 objects of Django, gongkai and jieba (a
tenth of a second each time, about every 2,000 requests), and by not looking it
leaves their memory pages shared with the master unwritten.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

from gongkai.portal.server import APP_LOAD_ERROR, refuse_if_unsafe

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.base")
application = get_wsgi_application()
refuse_if_unsafe(status=APP_LOAD_ERROR)
connections.close_all()
gc.freeze()
