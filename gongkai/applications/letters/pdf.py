"""An official letter as PDF, from the same text as its DOCX (``letters.docx``).

The letter's stored number, title, recipient and paragraphs are laid out as GB/T
9704-2012 《党政机关公文格式》 asks (the same rules ``docx.py`` lists): A4; the text
block 156 mm × 225 mm, 37 mm from the top and 28 mm from the left edge; 22 lines of
28 characters in 3号 (16 pt) 仿宋; the title in 2号 (22 pt) 小标宋, centred; each
paragraph indented two characters; the agency and the date four characters from
the right; page numbers "— N —" in 4号 (14 pt) 宋体, odd pages right and even pages
left, one character in.

WeasyPrint prints it, embedding the subset of glyphs used. The official fonts
(仿宋_GB2312, 方正小标宋简体) are used when installed; otherwise fontconfig's CJK
fonts (Debian's fonts-noto-cjk, ``settings.GONGKAI_PDF_FONTS``), so the PDF reads
the same on any machine.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import escape

BODY_FONTS = ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong"]
TITLE_FONTS = ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"]
PAGE_NUMBER_FONTS = ["宋体", "SimSun"]

_CSS = """
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
}
@page :right {
  @bottom-right {
    content: "— " counter(page) " —";
    font: 14pt %(number_fonts)s;
    vertical-align: top;
    padding-top: 7mm;
    padding-right: 14pt;
  }
}
@page :left {
  @bottom-left {
    content: "— " counter(page) " —";
    font: 14pt %(number_fonts)s;
    vertical-align: top;
    padding-top: 7mm;
    padding-left: 14pt;
  }
}
html { font: 16pt/28.95pt %(body_fonts)s; text-align: justify; }
body { margin: 0; }
p { margin: 0; }
.number { text-align: right; }
.blank { height: 28.95pt; }
h1 {
  font: 22pt/35pt %(title_fonts)s;
  text-align: center;
  margin: 0;
}
.paragraph { text-indent: 2em; }
.signer, .date { text-align: right; }
.date { padding-right: 4em; }
"""


def _stack(preferred: list[str], generic: str) -> str:
    fonts = [*preferred, *getattr(settings, "GONGKAI_PDF_FONTS", [])]
    return ", ".join([f'"{name}"' for name in fonts] + [generic])


def letter_html(
    *,
    number: str,
    title: str,
    recipient: str,
    paragraphs: list[str],
    signer: str,
    date_text: str,
) -> str:
    """The letter as a printable HTML page (what the PDF is printed from)."""
    css = _CSS % {
        "body_fonts": _stack(BODY_FONTS, "serif"),
        "title_fonts": _stack(TITLE_FONTS, "serif"),
        "number_fonts": _stack(PAGE_NUMBER_FONTS, "serif"),
    }
    # The agency centred above the date, which ends four characters from the edge.
    width = max(0.0, (_width(date_text) - _width(signer)) / 2)
    body = "".join(f'<p class="paragraph">{escape(text)}</p>' for text in paragraphs)
    return (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{css}</style></head><body>"
        f'<p class="number">{escape(number)}</p><div class="blank"></div>'
        f'<h1>{escape(title)}</h1><div class="blank"></div>'
        f"<p>{escape(recipient)}：</p>{body}"
        '<div class="blank"></div><div class="blank"></div>'
        f'<p class="signer" style="padding-right: {4 + width}em">{escape(signer)}</p>'
        f'<p class="date">{escape(date_text)}</p>'
        "</body></html>"
    )


def official_letter_pdf(
    *,
    number: str,
    title: str,
    recipient: str,
    paragraphs: list[str],
    signer: str,
    date_text: str,
) -> bytes:
    """The letter as PDF bytes, fonts embedded."""
    from weasyprint import HTML

    html = letter_html(
        number=number,
        title=title,
        recipient=recipient,
        paragraphs=paragraphs,
        signer=signer,
        date_text=date_text,
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def _width(text: str) -> float:
    """A text's width in body characters: ASCII digits and letters are half wide."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)
