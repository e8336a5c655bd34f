"""A list's pages (``{% load pages %}``), on the public site and in the workspace.

``{% pagination %}`` links the pages before and after the one shown and says which
it is, for the ``page_obj`` in the context (a Django ``Page``, or anything with its
methods), each link keeping the list's other parameters (``query_string``, already
URL-encoded: ``q=…&category=…``). Nothing when there is one page.

Built in Python rather than by an included template: the catalogue's every search
shows it, and the template (an include, a ``blocktranslate`` and five conditions)
cost a twentieth of the whole uncached search page.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def pagination(context: Context) -> SafeString:
    page: Any = context.get("page_obj")
    if page is None or not page.has_other_pages():
        return mark_safe("")
    query = context.get("query_string") or ""
    address = f"?{html.escape(str(query))}&amp;page=" if query else "?page="
    # Each text asked of gettext outside the f-strings: makemessages reads no
    # call inside one.
    label = html.escape(gettext("Pages"))
    where = gettext("Page %(number)s of %(total)s") % {
        "number": int(page.number),
        "total": int(page.paginator.num_pages),
    }
    before = after = ""
    if page.has_previous():
        text = html.escape(gettext("Previous"))
        number = int(page.previous_page_number())
        before = f'<a href="{address}{number}" rel="prev">{text}</a>'
    if page.has_next():
        text = html.escape(gettext("Next"))
        number = int(page.next_page_number())
        after = f'<a href="{address}{number}" rel="next">{text}</a>'
    return mark_safe(
        f'\n<nav class="pagination" aria-label="{label}">'
        f"\n  {before}"
        f'\n  <span aria-current="page">{html.escape(where)}</span>'
        f"\n  {after}\n</nav>\n"
    )
