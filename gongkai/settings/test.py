"""Settings for the test suite: fast hashing, in-memory mail, same database choice."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
# Staff sign-in: tests that sign in an office head or administrator need no second
# factor; the tests of gongkai.accounts turn it on.
GONGKAI_OTP_REQUIRED_ROLES = []
# Background tasks (issue 11): run at once where they are enqueued, so a test sees
# their effect; the tests of the worker and the import page queue them in the
# database (override_settings) and run a worker in the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
