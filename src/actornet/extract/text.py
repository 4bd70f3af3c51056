"""Paragraphs, sections, sentences and tokens, all with character offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from actornet.model import Sentence

__all__ = [
    "DATE_HEADING",
    "Paragraph",
    "Token",
    "dateline_end",
    "fold",
    "paragraphs",
    "sentences",
    "tokens",
]

_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*\-–]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "brig",
        "adm",
        "st",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "h.e",
        "e.g",
        "i.e",
        "approx",
        "est",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
    ]
)
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace,
# when the next character could start a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])")
# Format characters (zero-width joiners and spaces, the byte-order mark) are no tokens:
# "so-\u200dcalled" is "so", "-", "called".
_TOKEN = re.compile(r"\w+(?:['’]\w+)*(?:['’])?|[^\w\s\u200b-\u200f\u2060\ufeff]")
_FOLD_CACHE: dict[str, str] = {}
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    section: str
    is_heading: bool = False


@dataclass(slots=True)
class Token:
    text: str  # folded: lower case, straight apostrophes, no accents
    start: int
    end: int
    raw: str
    possessive: bool = False
    capitalised: bool = False


# A release's or a wire story's dateline before its first sentence: "WASHINGTON, D.C. — ",
# "TEHRAN, March 3 (Reuters) - ", "ABU DHABI — ". Its place is where the text was filed.
_DATELINE = re.compile(
    r"\s*[A-Z]{3,}[A-Z.'’]*(?:[ -][A-Z][A-Z.'’]+){0,3}"  # WASHINGTON, ABU DHABI
    r"(?:,\s*[A-Z][\w.]*(?:\s+[\w.,]+){0,3})?"  # ", D.C.", ", March 3", ", Iraq"
    r"(?:\s*\([^()]{1,40}\))?"  # "(Reuters)"
    r"\s*(?:—|–|--|-\s)\s*"
)


def dateline_end(text: str, before: str = "") -> int:
    """Characters of a dateline that opens `text` (0 when none): no actor of an event. A
    dateline opens a paragraph: `before`, the text before it, ends with a line break or is
    empty."""
    if before.rstrip(" \t") and not before.rstrip(" \t").endswith("\n"):
        return 0
    m = _DATELINE.match(text)
    return m.end() if m else 0


def fold(text: str) -> str:
    """Lower case, straight apostrophes and dashes, accents removed."""
    s = text.translate(_FOLD).lower()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s


DATE_HEADING = re.compile(
    r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?(?:1[89]|20)\d\d$"
)


def _is_heading(line: str) -> bool:
    s = line.strip()
    if DATE_HEADING.match(s):  # "2018", "February 2018": a chronology's section
        return True
    if not s or len(s) > 80 or _BULLET.match(line) or s[-1] in ".:;,)" or "(" in s:
        return False
    words = s.split()
    if len(words) > 9:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= max(1, (len(words) + 1) // 2)


def paragraphs(text: str) -> list[Paragraph]:
    """Lines (bullets) as paragraphs; short title-like lines are section headings."""
    out: list[Paragraph] = []
    section = ""
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line)
        if bullet:
            lead = bullet.end()
        if _is_heading(line):
            section = line.strip()
            out.append(Paragraph(start + lead, end, section, is_heading=True))
            continue
        out.append(Paragraph(start + lead, len(line.rstrip()) + start, section))
    return out


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or len(word) == 1


def sentences(
    text: str, document: str = "", paras: list[Paragraph] | None = None
) -> list[Sentence]:
    """Split each paragraph into sentences; offsets are into `text`."""
    out: list[Sentence] = []
    for para in paras if paras is not None else paragraphs(text):
        if para.is_heading:
            continue
        chunk = text[para.start : para.end]
        begin = 0
        for m in _SENTENCE_END.finditer(chunk):
            if chunk[m.start()] == "." and _ends_with_abbreviation(chunk, m.start()):
                continue
            end = m.start() + len(m.group().rstrip())
            _append(out, text, document, para, para.start + begin, para.start + end)
            begin = m.end()
        _append(out, text, document, para, para.start + begin, para.end)
    return out


def _append(out: list[Sentence], text: str, doc: str, para: Paragraph, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(doc, len(out), s, e, text[s:e], para.section))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of text[start:end]; a trailing 's marks a possessive."""
    end = len(text) if end is None else end
    folded_text = text.translate(_FOLD).lower()
    if len(folded_text) != len(text):  # a rare character whose lower case is longer
        folded_text = None
    out: list[Token] = []
    append = out.append
    cache = _FOLD_CACHE
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        raw = text[s:e]
        folded = folded_text[s:e] if folded_text is not None else raw
        if folded_text is None or not folded.isascii():
            folded = cache.get(raw) or fold(raw)
            if len(cache) < 200_000:
                cache[raw] = folded
        possessive = False
        if folded.endswith("'s") and len(folded) > 2:
            folded, possessive = folded[:-2], True
        if "'" in folded:
            folded = folded.replace("'", "")
        if not folded or folded == "-":
            continue
        append(Token(folded, s, e, raw, possessive, raw[:1].isupper()))
    return out
