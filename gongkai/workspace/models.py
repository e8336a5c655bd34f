"""The workspace keeps no state of its own: it shows and changes the ledger and
the reports through their services (a report's review is ``gongkai.reports``)."""
