"""Plain-text reports and the title helper shared by the readers."""

from __future__ import annotations

__all__ = ["first_line_title", "read_txt"]

_TITLE_MAX = 200


def first_line_title(text: str) -> str:
    """The first non-empty line, stripped and cut to a sensible length at a word."""
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            if len(line) <= _TITLE_MAX:
                return line
            cut = line[:_TITLE_MAX].rsplit(" ", 1)[0]
            return cut.rstrip(" ,;:–—-") + "…"
    return ""


def read_txt(text: str) -> tuple[str, str]:
    """(text, title) of a plain-text report: the text is kept exactly as decoded."""
    return text, first_line_title(text)
