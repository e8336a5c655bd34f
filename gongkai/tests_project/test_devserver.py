"""`make demo` serves through Django's development server with DEBUG on: the
production entry's refusal must not stop it."""

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import get_internal_wsgi_application


def test_the_development_server_serves_with_development_settings(settings):
    settings.DEBUG = True
    assert isinstance(get_internal_wsgi_application(), WSGIHandler)
