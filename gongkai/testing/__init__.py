"""Helpers for tests across the apps: factories for every ledger model."""
