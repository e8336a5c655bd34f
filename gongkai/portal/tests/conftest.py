import pytest
from django.core.cache import cache, caches

from gongkai.portal.caching import forget_kept


@pytest.fixture(autouse=True)
def fresh_rate_limits(request, django_db_blocker):
    """The page cache and the rate limits' counts outlive a test: start clean. The
    counts live in the database (the ``limits`` cache); a test's own transaction
    takes its counts away, but a test that commits (a live server) leaves them."""
    cache.clear()
    forget_kept()
    yield
    cache.clear()
    forget_kept()
    if "django_db_setup" in request.fixturenames:
        with django_db_blocker.unblock():
            caches["limits"].clear()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright, for the browser stories."""
    import os

    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM, CHROMIUM_ARGS

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
