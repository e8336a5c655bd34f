"""Finding English and code identifiers in what a page shows (the leak test,
``test_no_english.py``).

A page's visible text is its text nodes: tags, comments, scripts, styles and
attribute values are left out. In that text a *leak* is a run of Latin letters
that is an English word (``Submitted``, ``Email``) or a code identifier
(``item_submitted``, ``guizhou-2019`` is data with digits and so not one, but
``natural_person`` is). Not leaks, each for the reason given:

- runs with digits: numbers, 文号, 索引号, 统一社会信用代码, dates (data, not words);
- e-mail addresses, web addresses and file names (``报告.docx``): what a user typed or
  a file is called;
- the login names of the site's users: what a person typed as their name;
- ``ALLOWED``: proper nouns and the names of file formats and units below;
- masked values (``rR****``), what is left of data;
- a letter template's placeholders (``{{ received_on }}``), which staff write;
- a JSON document shown as it is stored (the admin's view of a report snapshot or
  an event's data): its keys are the published JSON schema
  (docs/reference/json-schema.md), data rather than words of the interface.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# Kept small on purpose: each entry says why it may be shown as it is.
ALLOWED = {
    # gongkai: the software's own name (the footer's 由 gongkai 提供支持).
    "gongkai",
    # File formats, as users and the law's forms name them.
    "PDF",
    "DOCX",
    "DOC",
    "XLSX",
    "XLS",
    "HTML",
    "MHT",
    "WPS",
    "ET",
    "RTF",
    "JSON",
    "TXT",
    "CSV",
    "PNG",
    "JPG",
    "JPEG",
    "OFD",
    "Word",
    "Excel",
    # The databases' own names, on the administrator's page of search-index builds
    # (which engine built the index matters to whoever runs the server).
    "PostgreSQL",
    "SQLite",
    # Units of size (filesizeformat's KB, MB).
    "KB",
    "MB",
    "GB",
    # Standards' and documents' prefixes (GB/T 37668) read as letters.
    "GB/T",
    # The kind of authenticator app a second factor needs (RFC 6238), as the apps
    # themselves name it.
    "TOTP",
    # Keys named in Django's own Chinese help ("按住 Control 键或 Mac 上的 Command 键").
    "Control",
    "Command",
    "Mac",
    # A directory service named in Django's own Chinese help (单一登入或LDAP).
    "LDAP",
    # The library gongkai loads the State Council's holiday notices from (the
    # working-day calendar's source), named as it is published.
    "chinesecalendar",
}
HIDDEN_TAGS = {"script", "style", "template", "noscript"}
RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-@/:+~%#?=&]*")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
WEB = re.compile(r"^(https?://|www\.)|\.(cn|com|org|net)(/|$)", re.IGNORECASE)
FILE_NAME = re.compile(
    r"\.(pdf|docx?|xlsx?|html?|mht|wps|et|rtf|json|txt|csv|png|jpe?g|ofd|zip)$",
    re.IGNORECASE,
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and not _json_document(data):
            self.parts.append(data)


def _json_document(text: str) -> bool:
    stripped = text.strip()
    return stripped[:1] in ("{", "[") and '":' in stripped


# A letter template's placeholders ({{ received_on }}), which staff editing the
# template write and keep as they are.
PLACEHOLDER = re.compile(r"\{\{\s*[\w.]+\s*\}\}")


# A masked value (a password hash's salt rR******, an ID number 5223**********):
# what is left of data, not a word.
MASKED = re.compile(r"\S*\*{4,}\S*")


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = PLACEHOLDER.sub(" ", " ".join(" ".join(parser.parts).split()))
    return MASKED.sub(" ", text)


@dataclass(frozen=True)
class Leak:
    word: str
    context: str  # the text around it


def leaks(text: str, *, names: Iterable[str] = ()) -> Iterator[Leak]:
    """Every English word or code identifier in ``text`` (see the module's
    docstring for what is not one); ``names``: login names, allowed."""
    allowed_names = set(names)
    for match in RUN.finditer(text):
        word = match.group().rstrip(".:/-?=&#%~+")
        if not any(c.isalpha() for c in word):
            continue
        if _allowed(word, allowed_names):
            continue
        start, end = match.start(), match.end()
        yield Leak(word, text[max(0, start - 30) : end + 30])


def _allowed(word: str, names: set[str]) -> bool:
    if len(word) < 2 or any(c.isdigit() for c in word):
        return True
    if word in ALLOWED or word.upper() in ALLOWED or word in names:
        return True
    return bool(EMAIL.match(word) or WEB.search(word) or FILE_NAME.search(word))
