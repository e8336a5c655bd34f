"""What a public page repeats, done once (``{% load layout %}``).

``{% unchanging key… %}…{% endunchanging %}`` renders what it encloses once per
process for each combination of its keys, the active language and the script
prefix, then serves that text again: for the menu and the page frame, which
depend on the page's name and the code, never on the ledger (for a visitor without
an account the whole frame is kept, ``frame``; these fragments serve the rest, and
the pages' own fixed texts). Whatever reads data
(lists, counts, names of agencies) stays outside; those are renewed by the page
cache's one rule (ADR 9), so the first view after a change still renders them.
No ``{% block %}`` may be inside one (a page extending the template could fill it
its own way): it is refused when the template is read.

``{{ item.pk|item_url }}`` is ``{% url 'portal:item' item.pk %}`` for the rows of a
list: the address is reversed once per process and only the id changes;
``{% search_hits hits %}`` are the rows of the catalogue's search and
``{% item_rows items %}`` those of a list of items: built in Python, the rows of a
long list cost a tenth of what a template per row does; ``{% search_status found %}``
is the line above a search's hits.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.exceptions import TemplateSyntaxError
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()

# A bound on the texts one fragment keeps: its keys are page names or one of a few
# choices (the catalogue's order), never free input.
MAX_VARIANTS = 256


class UnchangingNode(template.Node):
    # Not searched for blocks: ``{% extends %}`` looks through the whole base
    # template for them on every render, and none may be inside (``unchanging``).
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, keys: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.keys = keys
        self.rendered: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        key = (*render_scope(context), *(k.resolve(context) for k in self.keys))
        found = self.rendered.get(key)
        if found is None:
            found = mark_safe(self.nodelist.render(context))
            if len(self.rendered) < MAX_VARIANTS:
                self.rendered[key] = found
        return found


# Where a render keeps its language and script prefix (``render_scope``).
_SCOPE = "gongkai.layout.scope"


def render_scope(context: Context) -> tuple[str, str]:
    """The active language and the script prefix, asked once per render of a
    template (and the templates it extends): each is read through asgiref's
    request-local storage, and a page has some twenty fragments."""
    scope = context.render_context.get(_SCOPE)
    if scope is None:
        scope = context.render_context[_SCOPE] = (get_language(), get_script_prefix())
    return scope


@register.tag
def unchanging(parser: Parser, token: Token) -> UnchangingNode:
    """``{% unchanging request.resolver_match.url_name %}…{% endunchanging %}``."""
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endunchanging",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # A template extending this one could fill the block differently from
        # page to page, and the first filling would be kept for all.
        raise TemplateSyntaxError("{% unchanging %} 内不能有 {% block %}")
    return UnchangingNode(nodelist, keys)


# An id no row has, to find where the id goes in an item's address.
_MARKER = 987654321
_item_addresses: dict[str, tuple[str, str]] = {}


@register.filter
def item_url(item_id: int) -> str:
    """The public page of the catalogue item ``item_id``."""
    before, after = _item_address()
    return f"{before}{int(item_id)}{after}"


def _item_address() -> tuple[str, str]:
    """An item's address, before and after its id."""
    prefix = get_script_prefix()
    parts = _item_addresses.get(prefix)
    if parts is None:
        before, _, after = reverse("portal:item", args=[_MARKER]).partition(
            str(_MARKER)
        )
        parts = _item_addresses[prefix] = (before, after)
    return parts


# The rows below are escaped with the standard library's ``html.escape``, which is
# what Django's ``escape`` calls, without its lazy-string wrapper per value: a
# search page escapes some two hundred values. What every row shows alike (the
# address around the id, the labels) is worked out once per list.


@register.simple_tag
def search_hits(hits: Any) -> SafeString:
    """The hits of a catalogue search, each an ``<li>``: its highlighted title
    and snippet (already escaped by ``catalog.search.highlight``) and its
    metadata line. Built here rather than by ``{% include %}`` or a tag per row:
    a page lists twenty, and a template per row cost more than the search itself."""
    address = _item_address()
    labels = (_e(gettext("index number")), _e(gettext("document number")))
    return mark_safe("".join(_search_hit(hit, address, labels) for hit in hits))


@register.simple_tag
def search_status(found: Any) -> SafeString:
    """The line above a search's hits: how many items it found (at least that
    many, where counting stopped) and the words it searched for."""
    # Each text asked of gettext outside the f-strings: makemessages reads no
    # call inside one.
    counter = int(found.total)
    status = ngettext("%(counter)s item", "%(counter)s items", counter) % {
        "counter": counter
    }
    if found.more:
        status += " " + gettext("(at least: counting stops there)")
    if found.terms:
        searched = gettext("words searched")
        status += f" · {searched}：{' '.join(found.terms)}"
    return mark_safe(_e(status))


def _search_hit(hit: Any, address: tuple[str, str], labels: tuple[str, str]) -> str:
    item = hit.item
    day = item.published_on.isoformat()
    meta = f'{_e(item.agency.name)} · <time datetime="{day}">{day}</time>'
    if item.index_number:
        meta += f" · {labels[0]} {_e(item.index_number)}"
    if item.document_number:
        meta += f" · {labels[1]} {_e(item.document_number)}"
    snippet = (
        f'\n    <div class="snippet">{hit.snippet_html}</div>'
        if hit.snippet_html
        else ""
    )
    return (
        f'\n  <li>\n    <a href="{address[0]}{int(item.pk)}{address[1]}">'
        f"{hit.title_html}</a>{snippet}"
        f'\n    <div class="meta">{meta}</div>\n  </li>'
    )


@register.simple_tag
def item_rows(items: Any) -> SafeString:
    """The rows of a list of published items (``includes/item_list.html``): the
    title as a link, the publishing agency, the date and the 文号. A template per
    row cost some 280 Python calls; this, a tenth of them."""
    address = _item_address()
    return mark_safe("".join(_item_row(item, address) for item in items))


def _item_row(item: Any, address: tuple[str, str]) -> str:
    day = item.published_on.isoformat()
    number = f" · {_e(item.document_number)}" if item.document_number else ""
    return (
        f'\n  <li>\n    <a href="{address[0]}{int(item.pk)}{address[1]}">'
        f"{_e(item.title)}</a>"
        f'\n    <div class="meta">{_e(item.agency.name)} · '
        f'<time datetime="{day}">{day}</time>{number}</div>\n  </li>'
    )


# The ``<option>``s rendered of a list, by the list's identity, the value chosen
# and the language (the order's labels are translated), each kept with its list
# (so that the identity stays the list's own while kept): a search page offers
# lists kept until the ledger changes (``portal.caching.kept_until_change``), the
# same objects page after page, and escaping their hundred labels again was a
# tenth of the page's template. The value chosen comes from the address, any text
# at all: at most ``MAX_VARIANTS`` renderings are kept in all.
_rendered_options: dict[tuple[Any, ...], tuple[Any, SafeString]] = {}


@register.simple_tag(takes_context=True)
def options(context: Context, choices: Any, selected: Any) -> SafeString:
    """``<option>``s of a filter, ``selected`` marked: of ``(value, label)``
    pairs, or of texts that are their own value. A search page offers every
    agency and every category."""
    key = (id(choices), selected, *render_scope(context))
    kept = _rendered_options.get(key)
    if kept is not None and kept[0] is choices:
        return kept[1]
    rendered = _options(choices, selected)
    if len(_rendered_options) >= MAX_VARIANTS:
        _rendered_options.clear()
    _rendered_options[key] = (choices, rendered)
    return rendered


def _options(choices: Any, selected: Any) -> SafeString:
    rows = []
    for choice in choices:
        value, label = choice if isinstance(choice, tuple) else (None, choice)
        attribute = "" if value is None else f' value="{_e(str(value))}"'
        chosen = " selected" if (choice if value is None else value) == selected else ""
        rows.append(f"<option{attribute}{chosen}>{_e(str(label))}</option>")
    return mark_safe("".join(rows))


def _e(text: str) -> str:
    return html.escape(str(text))
