import pytest
from django.core.cache import cache, caches


@pytest.fixture(autouse=True)
def fresh_rate_limits(request, django_db_blocker):
    """The page cache and the rate limits' counts outlive a test: start clean. The
    counts live in the database (the ``limits`` cache); a test's own transaction
    takes its counts away, but a test that commits (a live server) leaves them."""
    cache.clear()
    yield
    cache.clear()
    if "django_db_setup" in request.fixturenames:
        with django_db_blocker.unblock():
            caches["limits"].clear()
