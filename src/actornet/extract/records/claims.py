"""How a report tells a fact: its claim status (asserted, reported, unconfirmed, denied,
planned) and the outlet it cites."""

from __future__ import annotations

import re

from actornet.extract.actors.gazetteer import Gazetteer, name_key
from actornet.extract.proposers.frame_rules import load_frame_rules
from actornet.extract.text import Paragraph, Token
from actornet.model import ClaimStatus, Sentence

__all__ = ["STATUS_RANK", "ClaimReading"]

_CITATION = re.compile(r"\(([^()]{2,120})\)")
_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b"
)
# A citation part that tells only when: "November 7", "7 November", "mid-November", "November
# 7-8, 2020", "2020". Such a part names no outlet.
_DATE_ONLY = re.compile(
    r"(?:(?:early|mid|late|on|in|of|and|the|\d{1,4}(?:st|nd|rd|th)?|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?[\s,\-–/]*)+",
    re.I,
)
_HEDGES = re.compile(
    r"\b(unconfirmed|not (?:been )?confirmed|could not be (?:confirmed|verified)|no way to "
    r"(?:assess|verify|confirm)|it is possible|possibly|allegedly|may have|might have|rumou?rs?)\b",
    re.I,
)
# A wire story's trailing attribution: "..., the ministry said." / "..., officials told AFP."
_SAID_AFTER = re.compile(
    r",\s+(?:according to [^,;]{1,80}|[^,;]{1,80}?\s+(?:said|says|reported|reports|stated|"
    r"added|announced|claimed|told [^,;]{1,40}))\s*[.!]?[\"”’']?\s*$"
)
_ATTRIBUTION = frozenset(
    ["reported", "reports", "according", "sources", "claimed", "quoted", "cited", "reportedly"]
)
_CARRY = frozenset(["sources", "websites", "media", "report", "reports", "agency"])
STATUS_RANK = {
    ClaimStatus.ASSERTED: 0,
    ClaimStatus.REPORTED: 1,
    ClaimStatus.UNCONFIRMED: 2,
    ClaimStatus.PLANNED: 3,
    ClaimStatus.DENIED: 4,
}
Citations = list[tuple[int, int, str]]


class ClaimReading:
    """Reads claim status and cited outlets in one document's tokens."""

    def __init__(self, gaz: Gazetteer, text: str, toks: list[Token]) -> None:
        self.gaz, self.text, self.toks = gaz, text, toks
        # "Israel accused Iran of ...": an accusation attributes the act, like "reported"
        self.attribution = _ATTRIBUTION | load_frame_rules().accuse_forms

    def citations(self, para: Paragraph) -> Citations:
        """The paragraph's house-style citations, "(Tasnim, November 22)", with their outlets:
        each outlet by the gazetteer's name for it, several ones "; "-joined ("(IRNA; Mehr,
        May 3)" is "IRNA; Mehr"). A dated citation that names no outlet, "(November 7)", is
        kept with the outlet "" (it still marks a date that tells no event)."""
        out = []
        for m in _CITATION.finditer(self.text, para.start, para.end):
            outlets, dated = [], False
            for part in m.group(1).split(";"):
                head = part.split(",")[0].strip()
                name = self.outlet(head)
                told = head and not head[0].isdigit() and len(head) < 60
                if name is None and told and _MONTH.search(part):
                    if _DATE_ONLY.fullmatch(head):
                        dated = True  # "(November 7)"
                    else:
                        name = head  # "(Twitter accounts of Syrian journalists, May 3)"
                if name:
                    outlets.append(name)
            if outlets or dated:
                out.append((m.start(), m.end(), "; ".join(dict.fromkeys(outlets))))
        return out

    def outlet(self, name: str) -> str | None:
        """The gazetteer's name of the outlet `name` names ("the Tasnim News Agency" is
        Tasnim), if it lists it."""
        key = name_key(name)
        found = self.gaz.outlets.get(key)
        if found is None and key[:1] == ("the",):
            found = self.gaz.outlets.get(key[1:])
        return found

    def starts_carry(self, words: list[str]) -> bool:
        """ "According to these reports, ...": what follows in the paragraph is reported."""
        if "reported" not in words and "according" not in words:
            return False
        return bool(_CARRY & set(words)) or any((w,) in self.gaz.outlets for w in words)

    def status(
        self, fixed: ClaimStatus | None, s: Sentence, a: int, trigger: int, carry: bool
    ) -> ClaimStatus:
        """The status of a fact whose trigger is token `trigger` of the sentence starting at
        token `a`; `fixed` is a status the rule itself read ("blamed X for")."""
        if fixed not in (None, ClaimStatus.ASSERTED):
            return fixed
        before = {t.text for t in self.toks[a:trigger]}
        if {"denied", "denies", "deny"} & before:
            return ClaimStatus.DENIED
        if _HEDGES.search(s.text):
            return ClaimStatus.UNCONFIRMED
        if before & self.attribution or carry or "responsibility" in s.text:
            return ClaimStatus.REPORTED
        if _SAID_AFTER.search(s.text):  # "..., a security source said."
            return ClaimStatus.REPORTED
        return ClaimStatus.ASSERTED

    def cited(self, s: Sentence, a: int, trigger: int, citations: Citations) -> str | None:
        """The outlet named before the trigger (a name of up to four words: "the newspaper
        Baghdad al-Youm reported"), else the paragraph's next citation."""
        for t in self.toks[a:trigger]:
            name = self.gaz.outlets.get((t.text,))
            if name and t.capitalised:
                return name
        for n in (2, 3, 4):
            for i in range(a, trigger - n + 1):
                name = self.gaz.outlets.get(tuple(t.text for t in self.toks[i : i + n]))
                if name:
                    return name
        for start, _end, name in citations:
            if start >= s.start:
                return name or None  # "(November 7)": the citation names no outlet
        return None
