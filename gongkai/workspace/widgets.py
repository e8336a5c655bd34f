"""Form widgets the workspace shares."""

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates (2025-03-03)
    whatever the page's language, so the value is given in that format."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
