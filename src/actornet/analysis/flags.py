"""Quality flags: claims an analyst should check before relying on them.

Each rule is small and explainable (docs/analysis.md lists them):

- ``contradiction`` (high): an actor acts (source, or target of anything but ATTACKED) on a
  date after its recorded death; (medium) a claim that is both reported and denied.
- ``contradiction`` (high), too: a quote ties a person who had died before the act to a role
  of theirs, while the act is credited to someone else (the extractor credits the living
  role-holder: "the Commander of the Qods Force, Qasem Soleimani, visited Baghdad" in
  November 2020 is Esmail Qa'ani's visit, and the quote is flagged).
- ``role_ended`` (medium): the quote ties a role (title and organisation) that had ended
  before the act to the actor's name ("the Iraqi Prime Minister, Adel Abdul Mahdi"); "former",
  "ex-", "then" before the role end it, and a role right before another person's name is
  that person's.
- ``denied`` (medium) and ``unconfirmed`` (low) claims.
- ``alias_review`` (low; medium when the names are identical): a *discovered* actor whose
  name is close to another actor's name (difflib ratio >= `NAME_SIMILARITY`), when the two
  could be one actor: not across countries or demonyms ("Iranian"/"Iraqi"), nor numbers.
- ``fuzzy_merge`` (low): an actor carrying aliases its gazetteer entry does not list
  (needs the `gazetteer_names` hook).
- ``date_conflict`` (low): interactions of one type between the same actors in the same
  month with different day dates.
- ``evidence_mismatch`` (medium): a quote that is not, verbatim, at its offsets in its
  document (when documents are given).
- ``low_confidence`` (low): an interaction the learned scorer gave a confidence under the
  threshold (`actornet.confidence`; the model's by default), most confident first: the
  commands leave it out until an analyst confirms it.

Every flag carries a short ``reason``: why the rule fired (the phrase that ties a role to a
name, the words two names differ in, the confidence under the threshold).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from actornet.analysis.dates import earliest, latest
from actornet.analysis.paths import EvidenceRef
from actornet.confidence import default_min_confidence, passes
from actornet.model import (
    Actor,
    ActorKind,
    ClaimStatus,
    Document,
    Evidence,
    Interaction,
    InteractionType,
    Role,
    normalise_name,
)

__all__ = [
    "ENDED_WORDS",
    "NAME_SIMILARITY",
    "NUMBER_WORDS",
    "SEVERITIES",
    "Flag",
    "default_place_words",
    "flags",
    "flags_to_dict",
]

SEVERITIES = ("high", "medium", "low")
NAME_SIMILARITY = 0.88
GazetteerNames = Mapping[str, Iterable[str]] | Callable[[str], Iterable[str] | None]


@dataclass(frozen=True)
class Flag:
    kind: str
    severity: str
    detail: str
    actors: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...] = ()
    interactions: tuple[str, ...] = ()  # ids of the interactions the flag is about
    settle: tuple[str, ...] = ()  # judge commands that would settle it (actornet.review)
    reason: str = ""  # why the rule fired, in a few words (the phrase or the difference)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "detail": self.detail,
            "reason": self.reason,
            "actors": list(self.actors),
            "evidence": [e.to_dict() for e in self.evidence],
            "interactions": list(self.interactions),
            "settle": list(self.settle),
        }


def flags_to_dict(items: Iterable[Flag]) -> dict[str, list[dict[str, Any]]]:
    """``{"flags": [...]}``, the JSON shape of `actornet flags --json`."""
    return {"flags": [f.to_dict() for f in items]}


def _refs(*interactions: Interaction) -> tuple[EvidenceRef, ...]:
    if len(interactions) == 1 and len(interactions[0].evidence) == 1:
        e = interactions[0].evidence[0]
        return (EvidenceRef(e.document, e.quote, e.start, e.end),)
    seen = dict.fromkeys(
        EvidenceRef(e.document, e.quote, e.start, e.end) for it in interactions for e in it.evidence
    )
    return tuple(seen)


def _pair(it: Interaction) -> tuple[str, str]:
    a, b = it.source or "?", it.target
    symmetric = it.type == InteractionType.MET_WITH or it.type == InteractionType.SIGNED_AGREEMENT
    return (b, a) if symmetric and b < a else (a, b)


def _name(by_id: Mapping[str, Actor], actor_id: str | None) -> str:
    actor = by_id.get(actor_id or "")
    return actor.name if actor else (actor_id or "unknown")


# -- roles tied to a name in a quote ---------------------------------------------------

# A word before a role that says it is no longer held: "the former Iraqi Prime Minister",
# "the ex-Prime Minister", "the then Prime Minister", "the late Commander".
ENDED_WORDS = frozenset(["former", "ex", "then", "late", "previous", "erstwhile", "onetime"])
_SKIP = frozenset(["the", "a", ","])  # may stand between a role and its holder's name
_BREAK = frozenset([",", ";", ":", "(", ")", "."])
_TOKEN = re.compile(r"[^\W_]+(?:['’‘`ʼ][^\W_]+)*|[,;:().]")
_POSSESSIVE = re.compile(r"['’‘`ʼ]s$", re.I)
_QUOTE_MARKS = re.compile(r"['’‘`ʼ]")


@dataclass(frozen=True)
class _Tok:
    fold: str  # accent-, case- and apostrophe-free
    start: int
    end: int
    capitalised: bool


def _tokens(text: str) -> list[_Tok]:
    """Word and punctuation tokens with their offsets; a possessive 's is a token of its own
    ("IRGC's" is "irgc", "s"); dashes separate words ("al-Kazimi" is "al", "kazimi")."""
    out = []
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        tail = _POSSESSIVE.search(word)
        if tail and len(word) > 2:
            word, end = word[: tail.start()], start + tail.start()
        folded = unicodedata.normalize("NFKD", _QUOTE_MARKS.sub("", word))
        folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
        out.append(_Tok(folded, start, end, word[:1].isupper()))
        if tail and len(m.group()) > 2:
            out.append(_Tok("s", end, m.end(), False))
    return out


def _folds(text: str) -> tuple[str, ...]:
    return tuple(t.fold for t in _tokens(text) if t.fold not in _BREAK)


def _find(words: list[str], seq: tuple[str, ...], lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(words) if hi is None else hi
    n = len(seq)
    return [i for i in range(max(lo, 0), hi - n + 1) if n and tuple(words[i : i + n]) == seq]


@dataclass(frozen=True)
class _Tie:
    phrase: str  # the quote's words from the role to the name (or back)
    ended: bool  # "former", "ex-", "then", "late" before the role


def _role_spans(
    words: list[str], title: tuple[str, ...], orgs: list[tuple[str, ...]]
) -> list[tuple[int, int, int]]:
    """(start, end, title start) of each place the quote names the role: its title with one of
    its organisation's names (or demonyms) just before it ("the Iraqi Prime Minister") or
    after it, with no punctuation between ("Commander of the IRGC's Qods Force")."""
    out = []
    for i in _find(words, title):
        j = i + len(title)
        if not orgs:
            out.append((i, j, i))
            continue
        best = None
        for org in orgs:
            for k in _find(words, org, i - len(org) - 3, i):  # before: at most 3 words between
                if not _BREAK & set(words[k + len(org) : i]):
                    best = min(best or (k, j), (k, j))
            for k in _find(words, org, j, j + 5 + len(org)):  # after: at most 5 words between
                if not _BREAK & set(words[j:k]):
                    best = best or (i, k + len(org))
        if best:
            out.append((best[0], best[1], i))
    return out


def _tie(
    quote: str, names: list[tuple[str, ...]], title: str, orgs: list[tuple[str, ...]]
) -> _Tie | None:
    """How the quote ties the role to one of `names`, if it does: the role right before the
    name ("the Iraqi Prime Minister, Adel Abdul Mahdi"; "Prime Minister Adel Abdul Mahdi") or
    right after it ("Adel Abdul Mahdi, the Iraqi Prime Minister", unless another name follows
    the role: "X met the Iraqi Minister of Defense Juma Saadoun" is Saadoun's role)."""
    toks = _tokens(quote)
    words = [t.fold for t in toks]
    for a, b, at in _role_spans(words, _folds(title), orgs):
        before = [w for w in words[max(0, a - 3) : at] if w not in _BREAK]
        ended = bool(ENDED_WORDS & set(before))
        j = b
        while j < len(words) and words[j] in _SKIP:
            j += 1
        for name in names:
            if _find(words, name, j, j + len(name)):
                end = toks[j + len(name) - 1].end
                return _Tie(quote[toks[a].start : end], ended)
        k = a
        while k > 0 and words[k - 1] in _SKIP | ENDED_WORDS:
            k -= 1
        follows = b < len(toks) and toks[b].capitalised and words[b] not in _BREAK
        for name in names:
            if not follows and _find(words, name, k - len(name), k):
                start = toks[k - len(name)].start
                return _Tie(quote[start : toks[b - 1].end], ended)
    return None


def _name_keys(actor: Actor) -> list[tuple[str, ...]]:
    keys = {_folds(n) for n in actor.names}
    return sorted((k for k in keys if len("".join(k)) > 2), key=len, reverse=True)


def _org_keys(org_id: str | None, by_id: Mapping[str, Actor], places: Mapping[str, str]) -> list:
    org = by_id.get(org_id or "")
    keys = {_folds(n) for n in org.names} if org else set()
    keys |= {(w,) for w, place in places.items() if org_id and place == org_id and " " not in w}
    return sorted((k for k in keys if k), key=len, reverse=True)


def _tied_role(
    actor: Actor,
    it: Interaction,
    by_id: Mapping[str, Actor],
    places: Mapping[str, str],
    *,
    ended_before: str | None,
    evidence: Iterable[Evidence] | None = None,
) -> tuple[Role, str, str] | None:
    """A role of `actor` that ended before `ended_before` (None: any role) and that a quote
    of `it` (or of `evidence`) ties to the actor's name, not marked as ended ("former"):
    the role, its label ("Prime Minister of Iraq") and the phrase that ties it."""
    names = _name_keys(actor)
    for role in actor.roles:
        if ended_before and (not role.end or earliest(ended_before) <= latest(role.end)):
            continue
        if it.date and any(
            r.active_on(it.date) and r.org == role.org and r.title == role.title
            for r in actor.roles
        ):
            continue  # holds it again
        orgs = _org_keys(role.org, by_id, places)
        for e in it.evidence if evidence is None else evidence:
            tie = _tie(e.quote, names, role.title, orgs)
            if tie and not tie.ended:
                org = by_id.get(role.org or "")
                return role, f"{role.title} of {org.name if org else role.org}", tie.phrase
    return None


def _role_in_quote(
    actor: Actor, it: Interaction, by_id: Mapping[str, Actor], places: Mapping[str, str]
) -> tuple[str, str] | None:
    """A role of `actor` that ended before the act and that the quote ties to its name:
    ("Prime Minister of Iraq (ended 2020-05-07)", the phrase)."""
    assert it.date
    found = _tied_role(actor, it, by_id, places, ended_before=it.date)
    if found is None:
        return None
    role, label, phrase = found
    return f"{label} (ended {role.end})", phrase


def _life_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], places: Mapping[str, str]
) -> list[Flag]:
    out = []
    for it in interactions:
        if not it.date:
            continue
        for side, actor_id in (("source", it.source), ("target", it.target)):
            actor = by_id.get(actor_id or "")
            if actor is None or (side == "target" and it.type == InteractionType.ATTACKED):
                continue
            found = _role_in_quote(actor, it, by_id, places) if actor.roles else None
            if actor.died and earliest(it.date) > latest(actor.died):
                other = it.target if side == "source" else it.source
                detail = (
                    f"{actor.name} is the {side} of {it.type} with {_name(by_id, other)} on "
                    f"{it.date}, after the recorded death on {actor.died}"
                )
                if found:
                    detail += f"; described as {found[0]}"
                reason = f"dated after {actor.name}'s death"
                flag = Flag("contradiction", "high", detail, (actor.id,), _refs(it), (it.id,))
                out.append(dataclasses.replace(flag, reason=reason))
            elif found:
                role, phrase = found
                detail = f"{actor.name} is described as {role} in a {it.type} dated {it.date}"
                reason = f"the quote ties the ended role to the name: “{phrase}”"
                flag = Flag("role_ended", "medium", detail, (actor.id,), _refs(it), (it.id,))
                out.append(dataclasses.replace(flag, reason=reason))
    return out


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a[: len(b)] == b[: len(a)]


def _by_date(items: list[Interaction]) -> Callable[[str | None], list[Interaction]]:
    """A lookup of the items whose date is compatible with a date (`_compatible`: one is a
    prefix of the other, or either is missing), in their order, through an index of the
    items by date and by each prefix of it (no pairwise scan)."""
    exact: dict[str | None, list[int]] = defaultdict(list)
    within: dict[str, list[int]] = defaultdict(list)  # period -> items dated inside it
    odd: list[int] = []  # dates of another shape: always checked
    for i, it in enumerate(items):
        if it.date and len(it.date) not in (4, 7, 10):
            odd.append(i)
            continue
        exact[it.date or None].append(i)
        if it.date:
            for n in (4, 7):
                if len(it.date) > n:
                    within[it.date[:n]].append(i)

    def lookup(iso: str | None) -> list[Interaction]:
        if not iso or len(iso) not in (4, 7, 10):
            return [c for c in items if _compatible(iso, c.date)]
        found = set(exact[None]) | set(odd)
        for n in (4, 7, 10):
            if len(iso) >= n:
                found.update(exact.get(iso[:n], ()))
        found.update(within.get(iso, ()))
        return [items[i] for i in sorted(found) if _compatible(iso, items[i].date)]

    return lookup


def _claim_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    out = []
    denied_keys = {
        (str(it.type), _pair(it)) for it in interactions if it.status == ClaimStatus.DENIED
    }
    groups: dict[tuple[str, tuple[str, str]], list[Interaction]] = defaultdict(list)
    for it in interactions:
        if denied_keys:
            key = (str(it.type), _pair(it))
            if key in denied_keys:
                groups[key].append(it)
        if it.status == ClaimStatus.DENIED or it.status == ClaimStatus.UNCONFIRMED:
            denied = it.status == ClaimStatus.DENIED
            detail = (
                f"{it.status} claim: {_name(by_id, it.source)} {it.type} "
                f"{_name(by_id, it.target)}" + (f" on {it.date}" if it.date else "")
            )
            ends = (it.source, it.target)
            ids = ends if it.source and it.target else tuple(a for a in ends if a)
            reason = "the source tells a denial" if denied else "the source hedges the claim"
            severity = "medium" if denied else "low"
            flag = Flag(str(it.status), severity, detail, ids, _refs(it), (it.id,), reason=reason)
            out.append(flag)
    for (type_, pair), items in groups.items():
        denied_ = [i for i in items if i.status == ClaimStatus.DENIED]
        claimed = [i for i in items if i.status != ClaimStatus.DENIED]
        compatible = _by_date(claimed)
        for d in denied_:
            for c in compatible(d.date):
                detail = (
                    f"{_name(by_id, pair[0])} {type_} {_name(by_id, pair[1])}"
                    f" ({c.date or 'undated'}) is {c.status} in one source, denied in another"
                )
                reason = f"{c.status} in one claim, denied in another, dates compatible"
                flag = Flag("contradiction", "medium", detail, pair, _refs(c, d), (c.id, d.id),
                            reason=reason)  # fmt: skip
                out.append(flag)
    return out


def _date_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    months: dict[tuple[str, tuple[str, str], str], list[Interaction]] = defaultdict(list)
    for it in interactions:
        if it.date and len(it.date) == 10 and it.status != ClaimStatus.DENIED:
            months[(str(it.type), _pair(it), it.date[:7])].append(it)
    out = []
    several = {k: items for k, items in months.items() if len(items) > 1}
    for (type_, pair, month), items in sorted(several.items()):
        days = sorted({i.date for i in items if i.date})
        if len(days) > 1:
            docs = sorted({e.document for i in items for e in i.evidence})
            detail = (
                f"{_name(by_id, pair[0])} {type_} {_name(by_id, pair[1])} in {month} is dated "
                f"{', '.join(days)} ({', '.join(docs)}): one event or several?"
            )
            ids = tuple(i.id for i in items)
            flag = Flag("date_conflict", "low", detail, pair, _refs(*items), ids)
            reason = f"{len(days)} different days in one month for one pair and type"
            out.append(dataclasses.replace(flag, reason=reason))
    return out


def _named_dead_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], places: Mapping[str, str]
) -> list[Flag]:
    """One flag per quote that ties a dead person to a role, listing the acts it supports."""
    dead = [a for a in by_id.values() if a.died and a.roles]
    found: dict[tuple[str, EvidenceRef], tuple[str, str, list[Interaction]]] = {}
    for it in interactions:
        if not it.date:
            continue
        for actor in dead:
            if actor.id in (it.source, it.target) or earliest(it.date) <= latest(actor.died or ""):
                continue
            for e in it.evidence:
                tied = _tied_role(actor, it, by_id, places, ended_before=None, evidence=[e])
                if tied is not None:
                    ref = EvidenceRef(e.document, e.quote, e.start, e.end)
                    found.setdefault((actor.id, ref), (tied[1], tied[2], []))[2].append(it)
    out = []
    for (actor_id, ref), (role, phrase, acts) in found.items():
        actor = by_id[actor_id]
        listed = "; ".join(
            f"{it.type} {_name(by_id, it.source)} -> {_name(by_id, it.target)} on {it.date}"
            for it in acts
        )
        detail = (
            f"a quote names {actor.name} (died {actor.died}) as {role}; the acts it supports "
            f"are credited to the person who held the role then: {listed}"
        )
        sources = tuple(dict.fromkeys(it.source for it in acts if it.source))
        acts_ids = tuple(dict.fromkeys(it.id for it in acts))
        flag = Flag("contradiction", "high", detail, (actor_id, *sources), (ref,), acts_ids)
        reason = f"the quote ties a dead person to the role: “{phrase}”"
        out.append(dataclasses.replace(flag, reason=reason))
    return out


def _evidence_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], documents: Iterable[Document]
) -> list[Flag]:
    texts = {d.id: d.text for d in documents}
    if not texts:
        return []
    out = []
    for it in interactions:
        bad = [
            e
            for e in it.evidence
            if e.document not in texts or texts[e.document][e.start : e.end] != e.quote
        ]
        if bad:
            where = ", ".join(sorted({f"{e.document}[{e.start}:{e.end}]" for e in bad}))
            detail = (
                f"{_name(by_id, it.source)} {it.type} {_name(by_id, it.target)}: quote not found "
                f"verbatim at {where} (document missing or changed?)"
            )
            ids = tuple(a for a in (it.source, it.target) if a)
            refs = tuple(EvidenceRef(e.document, e.quote, e.start, e.end) for e in bad)
            flag = Flag("evidence_mismatch", "medium", detail, ids, refs, (it.id,))
            reason = "the quote is not at its offsets in the stored document"
            out.append(dataclasses.replace(flag, reason=reason))
    return out


def _confidence_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], min_confidence: float | None
) -> list[Flag]:
    """The interactions that do not pass the threshold, most confident first."""
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    low = [it for it in interactions if not passes(it, threshold)]
    out = []
    for it in sorted(low, key=lambda it: (-(it.confidence or 0.0), it.date or "", it.id)):
        detail = (
            f"confidence {it.confidence or 0.0:.2f}, under the threshold {threshold:.2f}: "
            f"{_name(by_id, it.source)} {it.type} {_name(by_id, it.target)}"
            + (f" on {it.date}" if it.date else "")
            + "; left out by default until an analyst confirms it"
        )
        ids = tuple(a for a in (it.source, it.target) if a)
        flag = Flag("low_confidence", "low", detail, ids, _refs(it), (it.id,))
        reason = f"confidence {it.confidence or 0.0:.3f} < threshold {threshold:.2f}"
        out.append(dataclasses.replace(flag, reason=reason))
    return out


def _trigrams(name: str) -> set[str]:
    padded = f"  {name} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


# Words that count something: names that differ in one are different units ("Brigade 313",
# "Brigade 314"; "the 5th Division", "the 6th Division").
NUMBER_WORDS = frozenset([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "eleventh", "twelfth", "ii", "iii", "iv", "vi", "vii", "viii",
    "ix", "xi", "xii",
])  # fmt: skip


def _places_in(name: str, places: Mapping[str, str]) -> set[str]:
    """The countries a name names, by name or demonym ("Iran's", "Iranian", "Saudi Arabia")."""
    words = _folds(name)
    found = set()
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            place = places.get(" ".join(words[i : i + n]))
            if place:
                found.add(place)
    return found


def _counted(words: Iterable[str]) -> bool:
    return any(w in NUMBER_WORDS or any(c.isdigit() for c in w) for w in words)


def _could_be_one(a: Actor, name_a: str, b: Actor, name_b: str, places: Mapping[str, str]) -> str:
    """Why two close names cannot be one actor ("" when they could): different countries
    (the actors' own, or named in the names: "Iranian"/"Iraqi"), or different numbers."""
    if a.country and b.country and a.country != b.country:
        return "different countries"
    if _places_in(name_a, places) != _places_in(name_b, places):
        return "different countries named"
    only_a, only_b = _word_difference(name_a, name_b)
    if _counted(only_a) or _counted(only_b):
        return "different numbers"
    return ""


def _word_difference(a: str, b: str) -> tuple[list[str], list[str]]:
    wa, wb = Counter(normalise_name(a).split()), Counter(normalise_name(b).split())
    return sorted((wa - wb).elements()), sorted((wb - wa).elements())


def _alias_reason(a: str, b: str, ratio: float) -> str:
    only_a, only_b = _word_difference(a, b)
    if only_a and only_b:
        what = f"the names differ in “{' '.join(only_a)}” / “{' '.join(only_b)}”"
    elif only_a or only_b:
        what = f"one name adds “{' '.join(only_a or only_b)}”"
    else:
        what = "the same words"
    return f"{what} (similarity {ratio:.2f})"


class _Postings:
    """Which actors' names hold each trigram, as arrays of actor numbers: the alias rule's
    candidate search counts, for every actor at once, how many of a name's trigrams its
    names hold (one `np.bincount` over the name's postings), instead of intersecting the
    name's trigrams with each candidate's one by one (pairwise in effect when names share
    their common trigrams: 28 of the alias rule's 39 s at 10^6 interactions)."""

    def __init__(self, grams_of: Mapping[str, set[str]]) -> None:  # actor id -> trigrams
        self.ids = list(grams_of)
        lists: dict[str, list[int]] = defaultdict(list)
        for i, grams in enumerate(grams_of.values()):
            for gram in grams:
                lists[gram].append(i)
        self.postings = {g: np.asarray(v, dtype=np.int64) for g, v in lists.items()}

    def sharing(self, grams: set[str], actor_id: str) -> list[str]:
        """The other actors whose names hold at least half of `grams`, sorted by id."""
        need = -(-len(grams) // 2)
        held = [self.postings[g] for g in grams if g in self.postings]
        if not held:
            return []
        counts = np.bincount(np.concatenate(held), minlength=len(self.ids))
        ids = self.ids
        return sorted(
            o for o in (ids[i] for i in np.flatnonzero(counts >= need).tolist()) if o != actor_id
        )


def _alias_flags(actors: list[Actor], threshold: float, places: Mapping[str, str]) -> list[Flag]:
    originals: dict[str, dict[str, str]] = {}  # actor id -> normalised name -> a name as written
    for a in actors:
        originals[a.id] = {}
        for n in a.names:
            if normalise_name(n):
                originals[a.id].setdefault(normalise_name(n), n)
    names = {a.id: sorted(originals[a.id]) for a in actors}
    all_grams: dict[str, set[str]] = {}  # actor id -> the trigrams of all its names
    for actor_id, keys in names.items():
        mine = all_grams[actor_id] = set()
        for key in keys:
            mine |= _trigrams(key)
    postings = _Postings(all_grams)
    by_id = {a.id: a for a in actors}
    done: set[frozenset[str]] = set()
    out = []
    for actor in actors:
        if actor.origin != "discovered":
            continue
        for key in names[actor.id]:
            grams = _trigrams(key)
            for other in postings.sharing(grams, actor.id):
                pair = frozenset((actor.id, other))
                if pair in done:
                    continue
                best, close = max(
                    (difflib.SequenceMatcher(None, key, o).ratio(), o) for o in names[other]
                )
                if best < threshold:
                    continue
                done.add(pair)
                o = by_id[other]
                mine, theirs = originals[actor.id][key], originals[other][close]
                if _could_be_one(actor, mine, o, theirs, places):
                    continue
                severity = "medium" if best == 1.0 else "low"
                detail = (
                    f"discovered actor {actor.name} ({actor.id}) looks like {o.name} "
                    f"({o.id}), name similarity {best:.2f}: same actor?"
                )
                flag = Flag("alias_review", severity, detail, (actor.id, other))
                reason = _alias_reason(mine, theirs, best)
                out.append(dataclasses.replace(flag, reason=reason))
    return out


def _merge_flags(actors: list[Actor], gazetteer_names: GazetteerNames) -> list[Flag]:
    out = []
    for actor in actors:
        known = (
            gazetteer_names(actor.id)
            if callable(gazetteer_names)
            else gazetteer_names.get(actor.id)
        )
        if known is None:
            continue
        listed = {normalise_name(n) for n in known}
        extra = [a for a in actor.aliases if normalise_name(a) not in listed]
        if extra:
            detail = (
                f"{actor.name} ({actor.id}) carries names its gazetteer entry does not list: "
                f"{', '.join(extra)}; merged by fuzzy matching?"
            )
            reason = f"{len(extra)} name(s) beyond the gazetteer entry"
            out.append(Flag("fuzzy_merge", "low", detail, (actor.id,), reason=reason))
    return out


@functools.lru_cache(maxsize=1)
def default_place_words() -> dict[str, str]:
    """The gazetteer's countries: folded name, alias or demonym -> country id (empty when no
    gazetteer can be read)."""
    from actornet.errors import ActornetError
    from actornet.extract.actors.gazetteer import load_gazetteer

    try:
        gaz = load_gazetteer(geonames=False)
    except ActornetError:
        return {}
    out = {word: place for word, place in gaz.demonyms.items()}
    for actor in gaz.actors.values():
        if actor.kind == ActorKind.COUNTRY:
            for n in actor.names:
                out.setdefault(" ".join(_folds(n)), actor.id)
    return out


def flags(
    actors: Iterable[Actor],
    interactions: Iterable[Interaction],
    documents: Iterable[Document] = (),
    *,
    gazetteer_names: GazetteerNames | None = None,
    name_similarity: float = NAME_SIMILARITY,
    min_confidence: float | None = None,
    confident_only: bool = False,
    place_words: Mapping[str, str] | None = None,
) -> list[Flag]:
    """Every flag the rules raise, most severe first (``low_confidence`` ones most
    confident first).

    `gazetteer_names` maps an actor id to the names its gazetteer entry lists (or is a
    function doing so, returning None for actors not in the gazetteer); without it the
    ``fuzzy_merge`` rule is skipped. With `documents`, every quote is checked against
    its document's text. `min_confidence` is the ``low_confidence`` threshold (None: the
    model's). With `confident_only`, every other rule reads only the interactions that
    pass it (those the commands show at that threshold), while ``low_confidence`` still
    lists the ones that do not. `place_words` maps a country's folded names and demonyms
    ("iran", "iranian", "saudi arabia") to its id (default: the gazetteer's countries, with
    the names of the Country actors given): a role's country may be named by its demonym,
    and names that name different countries are never alias candidates.
    """
    actors = list(actors)
    interactions = list(interactions)
    shown = (
        [it for it in interactions if passes(it, min_confidence)]
        if confident_only
        else interactions
    )
    by_id = {a.id: a for a in actors}
    places = dict(default_place_words() if place_words is None else place_words)
    for a in actors:
        if a.kind == ActorKind.COUNTRY:
            for n in a.names:
                places.setdefault(" ".join(_folds(n)), a.id)
    out = _life_flags(by_id, shown, places)
    out += _named_dead_flags(by_id, shown, places)
    out += _claim_flags(by_id, shown)
    out += _date_flags(by_id, shown)
    out += _alias_flags(actors, name_similarity, places)
    if gazetteer_names is not None:
        out += _merge_flags(actors, gazetteer_names)
    out += _evidence_flags(by_id, shown, documents)
    unsure = _confidence_flags(by_id, interactions, min_confidence)
    place = {id(f): i for i, f in enumerate(unsure)}  # their own order, not the detail's
    out += unsure
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (rank[f.severity], f.kind, place.get(id(f), 0), f.detail))
