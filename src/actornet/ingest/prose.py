"""PDF page text back to prose: running headers and footers off, paragraphs rejoined.

A PDF's text layer is a list of printed lines per page. A report's .txt has one line per
paragraph. This rebuilds that flow from the lines alone (no layout data needed):

* lines repeated at the top or bottom of most pages (digits ignored: "Page 3 of 9") are
  running headers, footers or page numbers, and go;
* a line break is kept where the paragraph ended: after a line that ends a sentence and
  would still have had room for the next line's first word (greedy line filling), after a
  clearly short line, before a bullet, around a short title-case heading; otherwise the
  lines are joined with a space;
* runs of spaces inside a line (justified text) become one space;
* a word hyphenated at a line end is joined again, keeping the hyphen of compounds
  (decided by the document's own vocabulary, see `repair_hyphenation`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["pages_to_prose", "repair_hyphenation", "strip_running_lines"]

_SHORT = 0.6  # a line this much of the measure is short whatever the font
_EDGE = 2  # lines looked at on the top and bottom of each page
_REPEATED = 0.6  # share of pages on which a line must recur to be running text
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_BULLET = re.compile(r"^\s*(?:[•●▪◦■□‣∙·►▶▷➢➤✓✔]|[*–—-]\s)")
_CONNECTOR = re.compile(r"(?:[,–—/&-]|\b(?:of|and|the|in|on|to|for|with|a|an))$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z])[.)]\s")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*")
_GAPS = re.compile(r"[ \t]{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running headers, footers and page numbers."""
    pages = [[line for line in page] for page in pages]
    while any(page and not page[0].strip() for page in pages):  # blank edges first
        pages = [page[1:] if page and not page[0].strip() else page for page in pages]
    pages = [_trim_blank_end(page) for page in pages]
    need = max(2, round(_REPEATED * len(pages)))
    for top in (True, False):
        for _ in range(_EDGE):
            edge = [(page[0] if top else page[-1]) if page else "" for page in pages]
            counts = Counter(_key(line) for line in edge if line.strip())
            for i, line in enumerate(edge):
                key = _key(line)
                running = len(pages) > 1 and counts[key] >= need
                if line.strip() and (running or _PAGE_NUMBER.match(line.strip())):
                    pages[i] = pages[i][1:] if top else pages[i][:-1]
    return pages


def _trim_blank_end(page: list[str]) -> list[str]:
    while page and not page[-1].strip():
        page = page[:-1]
    return page


def _line_width(lines: Iterable[str]) -> int:
    """The measure of a full line in characters: a high percentile of the line lengths."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))]


def _first_word(line: str) -> str:
    words = line.split()
    return words[0] if words else ""


def _is_heading(lines: list[str], i: int, width: int) -> bool:
    """A short title-case line without closing punctuation, before a paragraph start."""
    line = lines[i].strip()
    if not line or len(line) > _SHORT * width or _SENTENCE_END.search(line) or _BULLET.match(line):
        return False
    if re.search(r"[\d(),]", line) or (i and _CONNECTOR.search(lines[i - 1].rstrip())):
        return False  # a caption or a date line, or the end of a wrapped line
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if not words or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return False
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return not after or bool(_BULLET.match(after)) or after[0].isupper()


def _breaks_paragraph(prev: str, line: str, width: int) -> bool:
    """Whether the break between two printed lines ends a paragraph."""
    if not prev.strip() or not line.strip() or _BULLET.match(line):
        return True
    ends_sentence = bool(_SENTENCE_END.search(prev.rstrip()))
    if ends_sentence and _NUMBERED.match(line):
        return True
    if re.search(r"\w-$", prev.rstrip()):
        return False  # a hyphenated word: `repair_hyphenation` joins it
    if not ends_sentence:  # mid-sentence: only a clearly short line ends the paragraph
        return len(prev.rstrip()) <= _SHORT * width
    return len(prev.rstrip()) + 1 + len(_first_word(line)) <= width


def _join(lines: list[str]) -> str:
    width = _line_width(lines)
    headings = {i for i in range(len(lines)) if _is_heading(lines, i, width)}
    out: list[str] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else ""
        if not out or i in headings or i - 1 in headings or _breaks_paragraph(prev, line, width):
            out.append(line.rstrip())
        elif re.search(r"\w-$", prev.rstrip()):
            out[-1] = out[-1].rstrip() + "\n" + line.strip()  # kept for hyphen repair
        else:
            out[-1] = out[-1].rstrip() + " " + line.strip()
    return "\n".join(out)


def _vocabulary(text: str) -> Counter[str]:
    """Lower-cased words of the text, leaving out the fragments around line-end hyphens."""
    inner = _HYPHEN_BREAK.sub(" ", re.sub(r"\S+-[ \t]*\n[ \t]*\S+", " ", text))
    return Counter(w.lower() for w in _WORD.findall(inner))


def _last_word(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


def _next_word(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def repair_hyphenation(text: str, vocabulary: Counter[str] | None = None) -> str:
    """Join words hyphenated across a line (or page) break.

    "coopera-\\ntion" -> "cooperation" when both fragments are lower case, unless the
    document spells the word with a hyphen elsewhere, or both fragments are words of
    their own and the joined word never occurs ("so-\\ncalled" -> "so-called"). Otherwise
    the hyphen is kept and only the line break goes ("al-\\nKazimi" -> "al-Kazimi").
    """
    vocab = _vocabulary(text) if vocabulary is None else vocabulary

    def join(m: re.Match[str]) -> str:
        before = _last_word(m.string, m.start())
        after = _next_word(m.string, m.end())
        if not (before.islower() and after.islower()):
            return "-"
        joined, hyphenated = (before + after).lower(), f"{before}-{after}".lower()
        if vocab[joined] >= vocab[hyphenated] and vocab[joined]:
            return ""
        if vocab[hyphenated] or (vocab[before.lower()] and vocab[after.lower()]):
            return "-"
        return ""

    return _HYPHEN_BREAK.sub(join, _SOFT_HYPHEN_BREAK.sub("", text))


def _tidy(line: str) -> str:
    """One space between words (justified lines come out with wide gaps); indent kept."""
    body = line.lstrip(" ")
    return line[: len(line) - len(body)] + _GAPS.sub(" ", body.rstrip())


def pages_to_prose(pages: list[str]) -> str:
    """The text of a PDF's pages as prose: one line per paragraph."""
    kept = strip_running_lines([[_tidy(line) for line in page.split("\n")] for page in pages])
    lines = [line for page in kept for line in page]
    return repair_hyphenation(_join(lines))
