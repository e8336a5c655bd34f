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
# Notices (gongkai.notices): SMS kept in memory (gongkai.notices.sms.LocmemBackend).
GONGKAI_SMS_BACKEND = "gongkai.notices.sms.LocmemBackend"
# The page cache's key reads the ledger version for every request: a test that
# changes something and looks again sees the change (no second of lag).
GONGKAI_PORTAL_VERSION_SECONDS = 0
