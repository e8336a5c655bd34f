"""Applicants' personal data as lists show it: masked (pure).

The admin's applicant list and the workspace's application pages show an identity
document number, a telephone, an e-mail and an address masked; the full identity
number is shown to staff only after a read that is logged
(``applicant_id_number_read``)."""

from __future__ import annotations


def masked(value: str, *, head: int, tail: int) -> str:
    """``value`` with all but its first ``head`` and last ``tail`` characters
    starred (5201**********1234, 138****5678); a value too short to keep both ends
    is starred whole."""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def masked_email(value: str) -> str:
    """The mailbox starred after its first character, the domain kept
    (z****@example.com)."""
    name, at, domain = value.partition("@")
    return masked(name, head=1, tail=0) + at + domain


def masked_id_number(value: str) -> str:
    return masked(value, head=4, tail=4)


def masked_phone(value: str) -> str:
    return masked(value, head=3, tail=4)


def masked_address(value: str) -> str:
    return masked(value, head=6, tail=0)
