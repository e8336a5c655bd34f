import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limits count in the cache, which outlives a test: start clean."""
    cache.clear()
    yield
    cache.clear()
