"""Signals the calendar sends, so that rooms which keep deadlines can follow it
without the calendar knowing about them (``workdays`` imports no other room)."""

from django.dispatch import Signal

# Sent inside the transaction that changed the calendar, with ``acting_user``,
# ``years`` (the years changed), ``days`` (the days whose kind changed) and
# ``calendar`` (the new ``WorkCalendar``).
# Receivers recompute what depends on working days and record that they did, or
# queue that work as a background task committed with the change (the applications'
# due dates: gongkai/applications/tasks.py); a receiver that refuses undoes it.
calendar_changed = Signal()
