"""What a public page repeats, done once (``{% load layout %}``).

``{% unchanging key… %}…{% endunchanging %}`` renders what it encloses once per
process for each combination of its keys, the active language and the script
prefix, then serves that text again: for the menu and the page frame, which
depend on the page's name and the code, never on the ledger. Whatever reads data
(lists, counts, names of agencies) stays outside; those are renewed by the page
cache's one rule (ADR 9), so the first view after a change still renders them.

``{{ item.pk|item_url }}`` is ``{% url 'portal:item' item.pk %}`` for the rows of a
list: the address is reversed once per process and only the id changes.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# A bound on the texts one fragment keeps: its keys are page names, never input.
MAX_VARIANTS = 256


class UnchangingNode(template.Node):
    def __init__(self, nodelist: NodeList, keys: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.keys = keys
        self.rendered: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (
            get_language(),
            get_script_prefix(),
            *(k.resolve(context) for k in self.keys),
        )
        found = self.rendered.get(key)
        if found is None:
            found = mark_safe(self.nodelist.render(context))
            if len(self.rendered) < MAX_VARIANTS:
                self.rendered[key] = found
        return found


@register.tag
def unchanging(parser: Parser, token: Token) -> UnchangingNode:
    """``{% unchanging request.resolver_match.url_name %}…{% endunchanging %}``."""
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endunchanging",))
    parser.delete_first_token()
    return UnchangingNode(nodelist, keys)


# An id no row has, to find where the id goes in an item's address.
_MARKER = 987654321
_item_addresses: dict[str, tuple[str, str]] = {}


@register.filter
def item_url(item_id: int) -> str:
    """The public page of the catalogue item ``item_id``."""
    prefix = get_script_prefix()
    parts = _item_addresses.get(prefix)
    if parts is None:
        before, _, after = reverse("portal:item", args=[_MARKER]).partition(
            str(_MARKER)
        )
        parts = _item_addresses[prefix] = (before, after)
    return f"{parts[0]}{int(item_id)}{parts[1]}"
