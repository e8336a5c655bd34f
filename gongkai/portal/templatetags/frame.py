"""The frame of the public pages, rendered once (``{% extends_kept %}``).

``{% extends_kept "base.html" key… %}`` is ``{% extends "base.html" %}`` for the
template that frames every public page (portal/base.html). For a visitor without an
account and without a message waiting, what the frame's own templates render — the
head, the header and its menu, the footer — depends on nothing but the keys (the
page's name, the site's name), the active language and the script prefix. So it is
rendered once per process for each of them, with a marker wherever a page's own
blocks go (its title, breadcrumbs, content), cut at the markers and kept; each page
after that renders only its own blocks, between the kept pieces. A signed-in user's
page, or one with a message to show, is rendered whole, as ``{% extends %}`` does.

The rule for the frame's templates is the rule of ``{% unchanging %}``
(``layout``): outside the blocks a page fills, they read nothing but the keys, the
visitor's being signed in and the messages. Whatever reads the ledger belongs in a
page's blocks.

Built-in (``TEMPLATES``' ``builtins``): ``{% extends %}`` must be a template's
first tag, before any ``{% load %}``, and so must this.

Rendering the two frame templates through Django's blocks cost a ninth of an
uncached search page (instructions counted, ADR 24).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import template
from django.template.base import (
    FilterExpression,
    NodeList,
    Parser,
    Template,
    TextNode,
    Token,
)
from django.template.context import Context
from django.template.exceptions import TemplateSyntaxError
from django.template.loader_tags import (
    BLOCK_CONTEXT_KEY,
    BlockContext,
    BlockNode,
    ExtendsNode,
)
from django.utils.safestring import SafeString, mark_safe

from .layout import MAX_VARIANTS, render_scope

register = template.Library()

# Where a page's block goes in the frame, while the frame is rendered to be kept:
# no template writes a NUL character.
_HOLE = "\x00gongkai-frame:{}\x00"
_HOLES = re.compile("\x00gongkai-frame:(\\w+)\x00")


@dataclass(frozen=True)
class Frame:
    """The frame's text cut at its holes (one piece more than holes), the page's
    block that goes in each hole, the template the frame's blocks start from, and
    the blocks rendering the frame adds to the page's (for ``block.super``)."""

    pieces: tuple[str, ...]
    holes: tuple[str, ...]
    parent: Template
    added: tuple[tuple[str, tuple[BlockNode, ...]], ...]


class KeptFrameNode(ExtendsNode):
    def __init__(
        self, nodelist: NodeList, parent_name: FilterExpression, keys: list[Any]
    ) -> None:
        super().__init__(nodelist, parent_name)
        self.keys = keys
        self.kept: dict[tuple[Any, ...], Frame] = {}

    def render(self, context: Context) -> SafeString:
        if not _for_anyone(context):
            return super().render(context)
        blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
        if blocks is None:  # this template rendered itself: no page fills a block
            blocks = context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        filled = frozenset(name for name, chain in blocks.blocks.items() if chain)
        key = (
            filled,
            *render_scope(context),
            *(k.resolve(context) for k in self.keys),
        )
        frame = self.kept.get(key)
        if frame is None:
            frame = self._frame(context, blocks, filled)
            if len(self.kept) < MAX_VARIANTS:
                self.kept[key] = frame
        else:  # what rendering the frame would have added, for the blocks' supers
            for name, added in frame.added:
                blocks.blocks[name][0:0] = added
        texts = [frame.pieces[0]]
        with context.render_context.push_state(frame.parent, isolated_context=False):
            for name, piece in zip(frame.holes, frame.pieces[1:], strict=True):
                # As the frame's block of that name would: the page's block,
                # its ``block.super`` reaching up to the frame's own.
                texts.append(BlockNode(name, NodeList()).render(context))
                texts.append(piece)
        return mark_safe("".join(texts))

    def get_parent(self, context: Context) -> Template:
        # Kept for ``_frame``: a second lookup would skip the template, which
        # ``{% extends %}`` notes as visited to stop a template extending itself.
        parent = context.render_context[self] = super().get_parent(context)
        return parent

    def _frame(
        self, context: Context, blocks: BlockContext, filled: frozenset[str]
    ) -> Frame:
        """The frame rendered with a hole for each block the page fills; the
        frame's templates' blocks left in ``blocks`` under the page's, as
        rendering it whole leaves them."""
        before = {name: len(chain) for name, chain in blocks.blocks.items()}
        for name in filled:
            blocks.push(name, BlockNode(name, NodeList([TextNode(_HOLE.format(name))])))
        try:
            text = super().render(context)
        finally:
            for name in filled:
                blocks.pop(name)
        added = tuple(
            (name, tuple(chain[: len(chain) - before.get(name, 0)]))
            for name, chain in blocks.blocks.items()
            if len(chain) > before.get(name, 0)
        )
        cut = _HOLES.split(text)
        return Frame(
            pieces=tuple(cut[0::2]),
            holes=tuple(cut[1::2]),
            parent=context.render_context[self],
            added=added,
        )


def _for_anyone(context: Context) -> bool:
    """Whether the page is the one any visitor without an account would get: the
    frame shows a signed-in user their name, and anyone their messages."""
    user = context.get("user")
    if user is None or user.is_authenticated:
        return False
    return not context.get("messages")


@register.tag
def extends_kept(parser: Parser, token: Token) -> KeptFrameNode:
    """``{% extends_kept "base.html" request.resolver_match.url_name site_name %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"{bits[0]} 需要所扩展的模板名")
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse()
    if nodelist.get_nodes_by_type(ExtendsNode):
        raise TemplateSyntaxError(f"{bits[0]} 之后不能再有 {{% extends %}}")
    return KeptFrameNode(nodelist, parser.compile_filter(bits[1]), keys)
