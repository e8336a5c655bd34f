"""The parser: a read ``Document`` → ``ReportData`` (pure Python, no Django).

``parse_document(document, options)`` finds the format, the agency and the year,
reads every table cell by its labels (normalised: punctuation, numbering, width,
wrapped and split labels), recovers flattened tables, reads the figures that
narrative-only reports state in sentences, and runs the format's checks. See
``report`` for the steps and ``docs/how-to/import-reports.md`` for the user's view.
"""

from .report import Parsed, ParseError, ParseOptions, parse_document

__all__ = ["ParseError", "ParseOptions", "Parsed", "parse_document"]
