"""HTML reports: BeautifulSoup (lxml) to plain text with one line per block."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import PreformattedString

from actornet.ingest.text import first_line_title

__all__ = ["declared_charset", "html_to_text", "read_html"]

_DROP = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "form", "svg", "iframe", "head", "title", "object", "embed", "canvas", "button",
        "select", "math",
    }
)  # fmt: skip
_BLOCKS = frozenset(
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
        "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "table", "caption", "thead",
        "tbody", "tfoot", "main", "figure", "figcaption", "address", "hr", "details",
        "summary", "body",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII only: U+00A0 and friends survive
_RUNS = re.compile(r"[ \t]{2,}")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BULLET = "• "


def declared_charset(data: bytes) -> str | None:
    """The charset named by a <meta> tag near the top of the page, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _dropped(tag: Tag) -> bool:
    if tag.name in _DROP or tag.has_attr("hidden"):
        return True
    role = tag.get("role")
    roles = role if isinstance(role, list) else str(role or "").split()
    return "navigation" in roles


def _clean(text: str) -> str:
    return " ".join(text.split())


def _title(soup: BeautifulSoup) -> str:
    for tag in (soup.title, soup.find("h1")):
        if isinstance(tag, Tag):
            title = _clean(tag.get_text(" "))
            if title:
                return title
    return ""


def _pieces(root: Tag) -> list[str]:
    """Walk the tree (without recursion) and emit text, with "\\n" at block edges."""
    out: list[str] = []
    pre = 0
    stack: list[tuple[PageElement, bool]] = [(c, False) for c in reversed(root.contents)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, Tag):
            name = node.name
            if closing:
                pre -= name == "pre"
                out.append("\n" if name in _BLOCKS else " " if name in _CELLS else "")
                continue
            if _dropped(node):
                continue
            if name == "br":
                out.append("\n")
                continue
            if name in _BLOCKS:
                out.append("\n" + (_BULLET if name == "li" else ""))
            pre += name == "pre"
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            out.append(str(node) if pre else _SPACES.sub(" ", str(node)))
    return out


def _lines(raw: str) -> str:
    """Trim each line, drop empty ones and glue a lone bullet to the next line."""
    lines: list[str] = []
    pending = ""
    for line in raw.split("\n"):
        line = _RUNS.sub(" ", line.strip(" \t"))
        if not line.strip():
            continue
        if line.rstrip() == _BULLET.strip():
            pending = _BULLET
            continue
        lines.append(pending + line)
        pending = ""
    return "\n".join(lines)


def html_to_text(source: str) -> tuple[str, str]:
    """(plain text, title) of an HTML document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 "looks like a URL/XML" hints
        soup = BeautifulSoup(source, "lxml")
    title = _title(soup)
    root = soup.body if isinstance(soup.body, Tag) else soup
    return _lines("".join(_pieces(root))), title


def read_html(source: str) -> tuple[str, str]:
    """(text, title): the title is <title>, else the first <h1>, else the first line."""
    text, title = html_to_text(source)
    return text, title or first_line_title(text)
