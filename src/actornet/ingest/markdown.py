"""A light Markdown-to-plain-text conversion (no dependency, line structure kept)."""

from __future__ import annotations

import re

from actornet.ingest.text import first_line_title

__all__ = ["markdown_to_text", "read_markdown"]

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:[-*_=][ \t]*){3,})$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S+.*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<])")
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images are dropped
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def _inline(line: str) -> str:
    # Protect backslash escapes from the emphasis rules, then restore them.
    escaped: list[str] = []

    def stash(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    line = _ESCAPE.sub(stash, line)
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return re.sub(r"\ue000(\d+)\ue001", lambda m: escaped[int(m.group(1))], line)


def _skip_front_matter(lines: list[str]) -> list[str]:
    """Drop a YAML front-matter block (`---` ... `---`) at the very top."""
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return lines[i + 1 :]
    return lines


def markdown_to_text(source: str) -> tuple[str, str]:
    """(plain text, first heading) of a Markdown document."""
    out: list[str] = []
    heading = ""
    in_fence = False
    for line in _skip_front_matter(source.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        atx = _ATX.match(line)
        if atx:
            line = _inline(atx.group(1) or "")
            heading = heading or line.strip()
            out.append(line)
            continue
        if _RULE.match(line):
            # A setext underline makes the previous line a heading.
            if not heading and out and out[-1].strip() and line.strip()[0] in "=-":
                heading = out[-1].strip()
            continue
        if _REF_DEF.match(line):
            continue
        line = _QUOTE.sub("", line)
        line = _BULLET.sub(r"\1• ", line)
        out.append(_inline(line))
    return "\n".join(out), heading


def read_markdown(source: str) -> tuple[str, str]:
    """(text, title): the title is the first heading, else the first line."""
    text, heading = markdown_to_text(source)
    return text, heading or first_line_title(text)
