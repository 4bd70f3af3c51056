"""Delegations told of across sentences: "the delegation" is whoever heads it.

Report series tell a visit in several sentences: "a delegation of Harakat al-Nujaba' arrived
in Iran. The delegation was headed by Nasr al-Shammari. ... The next day, the delegation met
with Mojtaba Zolnour." The meeting is the head's (as the gold of the series credits it: "the
delegation headed by Keyvan Kashefi ... met with X" is Kashefi's meeting), or the
organisation's when no head is named.
"""

from __future__ import annotations

from actornet.extract.actors.mentions import Unit
from actornet.extract.text import Token
from actornet.model import ActorKind

__all__ = ["delegation_head", "delegation_units"]

_DELEGATION = frozenset(["delegation", "delegations"])
_LEADS = frozenset(["headed", "led"])
_NOT_BARE = frozenset(["of", "headed", "led", "from", "to", "that", "which", "who", "he", "she"])
# Words between "headed" and "delegation" ("headed the high-ranking Iranian delegation"),
# besides capitalised ones (a nationality)
_BEFORE_DELEGATION = frozenset(["the", "a", "an", "high-ranking", "senior", "large", "official"])


def _unit_at(units: list[Unit], k: int) -> Unit | None:
    return next((u for u in units if u.t0 <= k < u.t1), None)


def delegation_head(toks: list[Token], a: int, b: int, units: list[Unit]) -> str | None:
    """The actor a sentence names as heading a delegation ("a delegation headed by X", "the
    delegation was led by X", "X headed the delegation"), else the organisation or state it
    comes from ("a delegation of Harakat al-Nujaba'"); None when it names neither."""
    org: str | None = None
    for k in range(a, b):
        if toks[k].text not in _DELEGATION:
            continue
        for j in range(k + 1, min(b - 1, k + 12)):  # "... delegation (was) headed by X"
            if toks[j].text in _LEADS and toks[j + 1].text == "by":
                start = j + 3 if j + 2 < b and toks[j + 2].text == "the" else j + 2
                u = _unit_at(units, start)
                if u and u.t0 == start and u.kind == ActorKind.PERSON:
                    return u.actor_id
                break
        if k + 2 < b and toks[k + 1].text in {"he", "she"} and toks[k + 2].text in _LEADS:
            u = next((u for u in reversed(units) if u.t1 <= k), None)  # "X and the delegation
            if u and u.kind == ActorKind.PERSON:  # he headed"
                return u.actor_id
        j = k - 1  # "X headed the Iranian delegation"
        while j > a and (toks[j].text in _BEFORE_DELEGATION or toks[j].capitalised):
            j -= 1
        if j > a and toks[j].text in _LEADS:
            u = next((u for u in reversed(units) if u.t1 <= j), None)
            if u and u.kind == ActorKind.PERSON and j - u.t1 <= 2:
                return u.actor_id
        if k + 1 < b and toks[k + 1].text == "of":  # "a delegation of [the] ORG"
            start = k + 3 if k + 2 < b and toks[k + 2].text == "the" else k + 2
            u = _unit_at(units, start)
            if u and u.kind != ActorKind.PLACE and u.kind != ActorKind.PERSON:
                org = org or u.actor_id
    return org


def delegation_units(
    toks: list[Token], a: int, b: int, units: list[Unit], head: str, kind: ActorKind
) -> list[Unit]:
    """A unit for `head` at each bare "the [Iranian] delegation" of tokens a..b ("the members
    of the delegation" included, so that it may be a subject), and at "its members" after the
    sentence named a delegation."""
    out = []
    told = False  # "delegation" named earlier in the sentence: "its members" are its
    for k in range(a + 1, b):
        word = toks[k].text
        if word in {"its", "their"} and told and k + 1 < b and toks[k + 1].text == "members":
            if not _unit_at(units, k):
                out.append(Unit(head, kind, k, k + 2, "delegation", "its members"))
            continue
        if word != "delegation":
            continue
        told = True
        t0 = k - 1  # "the delegation", "the Iranian delegation"
        if toks[t0].capitalised and t0 - 1 >= a and toks[t0 - 1].text == "the":
            t0 -= 1
        if toks[t0].text != "the" or (k + 1 < b and toks[k + 1].text in _NOT_BARE):
            continue
        if _unit_at(units, k) or _unit_at(units, t0 + 1):
            continue
        if t0 - 3 >= a and [t.text for t in toks[t0 - 3 : t0]] == ["the", "members", "of"]:
            t0 -= 3
        elif t0 - 2 >= a and [t.text for t in toks[t0 - 2 : t0]] == ["members", "of"]:
            t0 -= 2
        out.append(Unit(head, kind, t0, k + 1, "delegation", "the delegation"))
    return out
