"""The query code given with a tracking number, so that only the applicant follows
the application (its status, its due date, its letters).

The code is derived from the tracking number with the site's secret key (an HMAC),
so nothing is stored, it cannot be worked out from the number, and the portal
never writes. Changing ``GONGKAI_SECRET_KEY`` changes every code: applicants
would then ask the agency for a new one (docs/how-to/deploy.md).
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "gongkai.portal.tracking"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed
LENGTH = 10  # about 50 bits


def tracking_secret(tracking_number: str) -> str:
    number = int(salted_hmac(SALT, tracking_number.strip().upper()).hexdigest(), 16)
    code = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        code.append(ALPHABET[digit])
    return "".join(code)


def secret_matches(tracking_number: str, secret: str) -> bool:
    given = secret.strip().upper().replace(" ", "").replace("-", "")
    return constant_time_compare(tracking_secret(tracking_number), given)
