"""Actor mentions in a document: gazetteer names, role descriptions, discovered names, groups.

Each mention becomes a `Unit`: one argument slot for the interaction rules. A role description
with its appositive name ("the Iraqi Minister of Defense, Juma Anad Saadoun") is one unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actornet.extract.actors.gazetteer import Gazetteer
from actornet.extract.actors.lexicon import (
    ADMIN_AREAS,
    AGENT_TITLES,
    ARABIC_ORG_PREFIXES,
    COLLECTIVE_HEADS,
    FUNCTION_WORDS,
    GENERIC_HEADS,
    HONORIFICS,
    MODIFIERS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEADS,
    PATRON_PARTICIPLES,
    PLURAL_ORG_HEADS,
    PORTFOLIO_WORDS,
    POSTED_TITLES,
    STYLES,
    TITLE_HEADS,
    TITLE_SYNONYMS,
    loose_triggers,
)
from actornet.extract.text import Token
from actornet.model import Actor, ActorKind, slugify

__all__ = ["Description", "Recognizer", "Unit", "skip_style"]


def _verb_like(word: str) -> bool:
    """A lower-case word that tells an act ("killed", "met", "hit"), not a qualifier of a
    title ("political", "deputy")."""
    return word.endswith("ed") or word in loose_triggers()


_NOT_NAME = frozenset(
    [
        "talks",
        "conference",
        "summit",
        "agreement",
        "day",
        "week",
        "revolution",
        "anniversary",
        "program",
        "programme",
        "plan",
        "deal",
        "operation",
        "crossing",
        "border",
        "region",
        "province",
        "governorate",
        "street",
        "square",
        "city",
        "airport",
        "port",
        "province",
        "accord",
        "initiative",
        "law",
        "resolution",
        "meeting",
        "between",
        "results",
        "visit",
        "statement",
        "readout",
        "order",  # legal instruments are no one: "Executive Order 13382"
        "act",
        "decree",
        "directive",
        "treaty",
        "accords",
        "memorandum",
        "sanctions",
        # headline words: "The United States Condemns Attack in ...", "Call with ..."
        "attack",
        "attacks",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "bombing",
        "condemns",
        "condemn",
        "call",
        "remarks",
        "ceasefire",
        "truce",
    ]
)
_LOWER_ORG_WORDS = frozenset(["of", "and", "commerce", "industry", "affairs"])
_TITLE_WORDS = frozenset((w,) for h in TITLE_HEADS for w in h)
_HEADS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _h in sorted(TITLE_HEADS, key=len, reverse=True):
    _HEADS_BY_FIRST.setdefault(_h[0], []).append(_h)
_LOCATIVE = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "near",
        "visited",
        "visit",
        "toward",
        "towards",
        "via",
        "outside",
        "into",
        "reach",
    ]
)


@dataclass(frozen=True)
class Description:
    """A role phrase: head title, qualifiers and the organisation it belongs to."""

    head: str
    qualifiers: frozenset[str]
    org: str | None
    surface: str
    former: bool = False
    words: frozenset[str] = frozenset()


@dataclass
class Unit:
    actor_id: str
    kind: ActorKind
    t0: int
    t1: int
    via: str  # name | description | discovered | group | place
    surface: str
    description: Description | None = None
    members: list[Unit] = field(default_factory=list)
    possessive: bool = False


def _norm_head(words: tuple[str, ...]) -> str:
    h = " ".join(words)
    return TITLE_SYNONYMS.get(h, h)


def heads_match(a: str, b: str) -> bool:
    """Same office head; the generic heads (head, chairman, chief...) match each other."""
    return a == b or (a in GENERIC_HEADS and b in GENERIC_HEADS)


class Recognizer:
    """Finds units in one document's tokens."""

    def __init__(self, gaz: Gazetteer, toks: list[Token], text: str, on: str | None) -> None:
        self.gaz = gaz
        self.toks = toks
        self.text = text
        self._outlet_tails: frozenset[tuple[str, ...]] | None = None
        self.on = on  # ISO date for dated roles
        self.spans: dict[int, tuple[int, str]] = {}  # token index -> (end index, actor id)
        self.actors: dict[str, Actor] = {}  # discovered and unnamed actors of this document
        self.aliases: dict[str, set[str]] = {}  # actor id -> surface forms
        self.known_roles: list[tuple[Description, str]] = []  # from appositives in this document
        self.known_at: list[int] = []  # token index of each known role
        self.surnames: dict[str, str] = {}
        self.groups: dict[str, str] = {}

    # -- gazetteer spans -------------------------------------------------------------
    def find_spans(self) -> None:
        self._index_titles()
        toks, gaz = self.toks, self.gaz
        n = len(toks)
        i = 0
        while i < n:
            if toks[i].text not in gaz.first_tokens:
                i += 1
                continue
            hit, key, j, capital = None, (), i, False
            while j < n:
                if toks[j].text == "." and key and j + 1 < n and len(toks[j - 1].text) == 1:
                    j += 1  # "U.S.", "U.A.E.": the dots of an abbreviation are not in the key
                    continue
                key = (*key, toks[j].text)
                if key not in gaz.prefixes:
                    break
                capital = capital or toks[j].capitalised
                j += 1
                aid = gaz.name_on(key, self.on)
                if aid is None and i > 0 and toks[i - 1].text in _LOCATIVE:
                    aid = gaz.places.get(key)
                if aid is not None and capital:
                    hit = (j, aid)
                if toks[j - 1].possessive:
                    break  # a name may end at "IRGC's", never run through it
            if hit and self._longer_name(i, hit):
                i += 1  # "Sadr Ibrahim" is not Muqtada al-Sadr: the name goes on
                continue
            if hit and (foreign := self._foreign_branch(i, hit)):
                self.spans[i - 1] = foreign  # "Iraqi Hizballah" is not Lebanon's Hezbollah
                i = hit[0]
            elif hit:
                self.spans[i] = hit
                i = hit[0]
            else:
                i += 1

    def _longer_name(self, i: int, hit: tuple[int, str]) -> bool:
        """A person's one-word alias followed by another name word starts someone else's
        name."""
        j = hit[0]
        if j != i + 1 or j >= len(self.toks) or self.gaz.actors[hit[1]].kind != ActorKind.PERSON:
            return False
        nxt = self.toks[j]
        return (
            nxt.capitalised
            and nxt.raw.isalpha()
            and nxt.text not in FUNCTION_WORDS
            and (nxt.text,) not in self.gaz.names
            and nxt.text not in self.gaz.demonyms
        )

    def _foreign_branch(self, i: int, hit: tuple[int, str]) -> tuple[int, str] | None:
        """A non-state organisation named with another country's demonym is another
        organisation: "Iraqi Hizballah", "Pakistani Taliban"."""
        if i == 0 or not self.toks[i - 1].capitalised:
            return None
        state = self.gaz.demonyms.get(self.toks[i - 1].text)
        actor = self.gaz.actors[hit[1]]
        if (
            state is None
            or actor.kind != ActorKind.ORGANIZATION
            or actor.state
            or not actor.country
            or self.gaz.actors.get(state) is None
            or self.gaz.actors[state].country in (None, actor.country)
        ):
            return None
        name = self.surface(i - 1, hit[0])
        return hit[0], self.discovered(name, ActorKind.ORGANIZATION, i - 1, hit[0])

    def _index_titles(self) -> None:
        """For each token, whether a title word starts within the next 10 tokens."""
        near = [False] * (len(self.toks) + 1)
        last = -(10**9)
        for i in range(len(self.toks) - 1, -1, -1):
            if self.toks[i].text in _HEADS_BY_FIRST:
                last = i
            near[i] = last - i <= 10
        self.title_near = near

    # -- helpers ---------------------------------------------------------------------
    def surface(self, t0: int, t1: int) -> str:
        """The text of tokens t0..t1, without a closing possessive ("Wendy Sherman's")."""
        last = self.toks[t1 - 1]
        return self.text[self.toks[t0].start : last.end - 2 if last.possessive else last.end]

    def in_outlet_name(self, t0: int, t1: int) -> bool:
        """Tokens t0..t1 are an outlet's name or its tail, with or without the words before
        ("Islamic Republic News Agency", "Filasteen Al-Youm"): a medium, not an actor."""
        words = tuple(t.text for t in self.toks[t0:t1])
        if not words:
            return False
        if self._outlet_tails is None:
            self._outlet_tails = (
                frozenset(  # tails of two words or more: "News Agency"
                    key[k:] for key in self.gaz.outlets for k in range(len(key)) if len(key) - k > 1
                )
                | frozenset(self.gaz.outlets)
            )
        return words in self._outlet_tails

    def actor(self, aid: str) -> Actor | None:
        return self.actors.get(aid) or self.gaz.actors.get(aid)

    def state_of(self, aid: str) -> str | None:
        """The id of the state an actor belongs to (a country is its own)."""
        actor = self.actor(aid)
        if actor is None:
            return None
        if actor.kind == ActorKind.COUNTRY:
            return actor.id
        return self.gaz.by_iso3.get(actor.country or "")

    def note_alias(self, aid: str, t0: int, t1: int) -> None:
        s = self.surface(t0, t1)
        if s.lower().startswith("the "):
            s = s[4:]
        self.aliases.setdefault(aid, set()).add(s)

    def _title_at(self, i: int) -> tuple[int, str] | None:
        if i >= len(self.toks):
            return None
        for head in _HEADS_BY_FIRST.get(self.toks[i].text, ()):
            j = i + len(head)
            if j <= len(self.toks) and all(self.toks[i + k].text == w for k, w in enumerate(head)):
                return j, _norm_head(head)
        return None

    def _skip_lower(self, j: int) -> int:
        """Past at most two lower-case words before a title ("political", "deputy")."""
        k = j
        while (
            k < len(self.toks)
            and k < j + 2
            and not self.toks[k].capitalised
            and self.toks[k].raw.isalpha()
            and self.toks[k].text not in FUNCTION_WORDS
            and not _verb_like(self.toks[k].text)  # "Israel killed Supreme Leader X"
            and not self._title_at(k)
        ):
            k += 1
        return k if self._title_at(k) else j

    def _skip_mods(self, j: int) -> int:
        while j < len(self.toks) and self.toks[j].text in MODIFIERS:
            j += 1
        return j

    def _org_span(self, i: int) -> tuple[int, str] | None:
        hit = self.spans.get(i)
        if hit and self.gaz.actors.get(hit[1], None) is not None:
            a = self.gaz.actors[hit[1]]
            if a.kind in (ActorKind.ORGANIZATION, ActorKind.COUNTRY):
                return hit
        return None

    # -- role descriptions -------------------------------------------------------------
    def _named_after(self, j: int) -> bool:
        """A name follows a title at j: "Foreign Minister Omar Haddad", or after the title's
        "of" tail and a comma: "Prime Minister of Bahrain, His Royal Highness X"."""
        toks, n = self.toks, len(self.toks)
        if self.name_at(j):
            return True
        if toks[j].text != "of":
            return False
        comma = next((k for k in range(j + 1, min(n, j + 7)) if toks[k].text == ","), None)
        return comma is not None and comma + 1 < n and bool(self.name_at(comma + 1))

    def description_at(self, i: int, *, nested: bool = False) -> tuple[int, Description] | None:
        """Parse `[the] [mods] [Demonym|Org's|Org] TITLE [of|to|for X]...` starting at i."""
        if not self.title_near[i]:
            return None
        toks, n = self.toks, len(self.toks)
        j, org, former, org_of = i, None, False, False
        quals: set[str] = set()
        starts_ok = nested or toks[i].text in {"the", "a", "an"} or toks[i].capitalised
        if not starts_ok:
            return None
        while j < n:
            t = toks[j].text
            if t in MODIFIERS:
                former = former or t in {"former", "late"}
                j += 1
            elif t in self.gaz.demonyms and j not in self.spans:
                org = org or self.gaz.demonyms[t]
                j += 1
            elif (span := self._org_span(j)) and (
                toks[span[0] - 1].possessive
                or self._title_at(self._skip_mods(span[0]))
                or self._title_at(self._skip_lower(self._skip_mods(span[0])))
            ):
                org, j = span[1], span[0]
            else:
                break
        k = j
        while k < n and k < j + 2 and toks[k].text in PORTFOLIO_WORDS:
            k += 1
        if k == j and org and not self._title_at(j):
            k = self._skip_lower(j)  # "Hamas political chief", "Hezbollah deputy leader"
        if k > j and self._title_at(k):
            quals.update(t.text for t in toks[j:k])
            j = k
        title = self._title_at(j) if j < n else None
        if not title:
            return None
        j, head = title
        for gap in (0, 1):  # "Deputy Shadow Governor", "Deputy Governor": the last head rules
            k = j + gap
            cased = toks[j - 1].capitalised and all(toks[x].capitalised for x in range(j, k + 1))
            stacked = self._title_at(k) if k < n and (cased or gap == 0) else None
            if stacked:
                quals.add(head)
                quals.update(toks[x].text for x in range(j, k))
                j, head = stacked
                break
        # coordinated titles of one holder: "Deputy Prime Minister and Foreign Minister Omar
        # Haddad" (only when a name follows: "the President and Prime Minister met" are two)
        if j + 2 < n and toks[j].text == "and" and toks[j + 1].capitalised:
            k = j + 1
            while k < n and k < j + 3 and toks[k].text in PORTFOLIO_WORDS:
                k += 1
            second = self._title_at(k)
            if second and second[0] < n and self._named_after(second[0]):
                quals.add(head)
                quals.update(toks[x].text for x in range(j + 1, k))
                j, head = second
        # qualifier words before the head are already consumed as modifiers; now the tail
        while j < n and toks[j].text in {"of", "to", "for", "on", "in"}:
            prep, k = toks[j].text, j + 1
            while k < n and toks[k].text in {"the", "a"}:
                k += 1
            if k >= n:
                break
            place = self.spans.get(k)
            if place and toks[place[0] - 1].possessive and not self._org_span(k):
                quals.add(place[1])  # "the head of Tehran's Chamber of Commerce"
                k = place[0]
                if k >= n:
                    break
            span = self._org_span(k)
            # "envoy to the president", "the special envoy of the Iranian president": the
            # holder's principal is part of the role, never the person named
            serves = prep == "to" or (prep == "of" and head in AGENT_TITLES)
            nested = self.description_at(k, nested=True) if serves else None
            if span and self.gaz.actors[span[1]].kind != ActorKind.PLACE:
                if toks[span[0] - 1].possessive and self._org_span(span[0]):
                    span = self._org_span(span[0])
                if org is None or (prep == "of" and not org_of):
                    org, org_of = span[1], prep == "of"
                else:
                    quals.add(span[1])  # "Commander of the Qods Force of the IRGC": keep the first
                j = span[0]
            elif nested:
                quals.add(nested[1].head)
                quals.update(nested[1].qualifiers)
                org = org or nested[1].org
                j = nested[0]
            elif (
                prep in {"of", "for"}
                and (found := self.name_at(k))
                and found[2] == ActorKind.ORGANIZATION
            ):
                org = org or self.discovered(found[1], found[2], k, found[0])
                j = found[0]
            elif prep in {"of", "for"} and toks[k].capitalised and k not in self.spans:
                while (
                    k < n and (toks[k].capitalised or toks[k].text == "and") and k not in self.spans
                ):
                    portfolio = toks[k - 1].text in PORTFOLIO_WORDS
                    if portfolio and toks[k].text not in PORTFOLIO_WORDS:
                        break  # "Minister of Strategic Affairs Ron Dermer": the name starts
                    quals.add(toks[k].text)
                    k += 1
                j = k
            elif prep == "of" and toks[k].text in ORG_HEADS:
                while k < n and (toks[k].text in ORG_HEADS or toks[k].text in _LOWER_ORG_WORDS):
                    if toks[k].text not in {"of", "and"}:
                        quals.add(toks[k].text)
                    k += 1
                j = k
            elif (prep in {"in", "for"} and k in self.spans) or (
                prep == "to" and k in self.spans and head in POSTED_TITLES
            ):  # a posting: "cultural attache in Baghdad", "Ambassador to Baghdad" (the head of
                j = self.spans[k][0]  # an organisation "to Damascus" travels there)
                if j < n and toks[j].text in ADMIN_AREAS:
                    j += 1  # "Shadow Governor for Herat Province"
            elif prep in {"of", "for"} and toks[k].text in PORTFOLIO_WORDS:
                while k < n and (toks[k].text in PORTFOLIO_WORDS or toks[k].text == "and"):
                    quals.add(toks[k].text)
                    k += 1
                j = k
            else:
                break
        while j > i and toks[j - 1].text in {"and", "of", "to", "the"}:
            j -= 1
        quals.discard("and")
        surface = self.surface(i, j)
        words = frozenset(
            t.text for t in toks[i:j] if t.text not in FUNCTION_WORDS and t.text not in MODIFIERS
        )
        quals_n = frozenset(TITLE_SYNONYMS.get(q, q) for q in quals)
        return j, Description(head, quals_n, org, surface, former, words)

    # -- names ---------------------------------------------------------------------
    def name_at(self, i: int) -> tuple[int, str, ActorKind] | None:
        """A capitalised name not in the gazetteer: a person, or an organisation by its head."""
        toks, n = self.toks, len(self.toks)
        j, words = i, []
        honorific = False
        i = j = skip_style(toks, j)
        while j < n and toks[j].text in HONORIFICS and toks[j].capitalised:
            honorific, j = True, j + 1
        start = j
        while j < n:
            t = toks[j]
            joined = (  # "Al-e Eshaq": a part hyphened to the name before it
                words
                and t.text.isalpha()
                and t.start == toks[j - 1].end + 1
                and self.text[toks[j - 1].end] == "-"
            )
            if (
                (t.capitalised and t.text.isalpha() and t.text not in FUNCTION_WORDS)
                or joined
                or (t.text in NAME_PARTICLES and j + 1 < n and toks[j + 1].capitalised)
                or (
                    t.text in {"of", "and", "for"}
                    and words
                    and j + 1 < n
                    and toks[j + 1].capitalised
                )
            ):
                words.append(t.text)
            else:
                break
            j += 1
            if t.possessive:
                break
            if (  # a middle initial: "Jennifer R. Littlejohn", "Antony J. Blinken"
                len(t.text) == 1
                and len(words) > 1
                and j + 1 < n
                and toks[j].text == "."
                and toks[j + 1].capitalised
                and toks[j + 1].text.isalpha()
            ):
                j += 1
        for k in range(start + 1, j - 1):
            if toks[k].text == "and" and (
                k + 1 in self.spans or toks[k - 1].text in PLURAL_ORG_HEADS
            ):
                # "Coalition and Iraqi Security Forces": a known name after "and" is coordinated
                words, j = words[: k - start], k
                break
        if words and not any(w in ORG_HEADS for w in words):
            # a person's name may end in a gazetteer name (its surname), never contain a place
            for k in range(start + 1, j):
                hit = self.spans.get(k)
                if hit and (a := self.gaz.actors.get(hit[1])) and a.kind != ActorKind.PERSON:
                    words, j = words[: k - start], k
                    break
        while words and words[-1] in {"of", "and", "for"}:
            words.pop()
            j -= 1
        if not words:
            return None
        for a in range(len(words)):
            for b in range(a + 1, len(words) + 1):
                if tuple(words[a:b]) in self.gaz.outlets:
                    return None
        if self.in_outlet_name(start, j):
            return None  # "(the Islamic Republic) News Agency": an outlet's name, or its tail
        if (words[-1],) in _TITLE_WORDS and words[-1] not in ORG_HEADS:
            return None  # "National Security Council Adviser": a role, not an organisation
        if any(w in ORG_HEADS for w in words) or words[0] in ARABIC_ORG_PREFIXES:
            if len(words) < 2 or (words[0] in self.gaz.demonyms and len(words) < 3):
                return None
            return j, self.surface(start, j), ActorKind.ORGANIZATION
        if any(w in MONTHS or w in _NOT_NAME or w in self.gaz.demonyms for w in words):
            return None
        if any(w in {"of", "and", "for"} for w in words):
            return None
        if len(words) < 2 and not honorific:
            return None
        raws = [toks[k].raw for k in range(start, j) if toks[k].raw.isalpha()]
        shouting = [r.isupper() and len(r) > 2 for r in raws]
        if any(shouting) and not all(shouting):
            return None  # "TFTC Gulf": an acronym beside a word, not a person's name
        if all(w in FUNCTION_WORDS for w in words) or self._title_at(start):
            return None
        if any(w in MODIFIERS or (w,) in _TITLE_WORDS for w in words):
            return None
        return j, self.surface(i if honorific else start, j), ActorKind.PERSON

    def set_country(self, aid: str, org: str | None) -> None:
        """Give a discovered person the country of the organisation in their title."""
        actor = self.actors.get(aid)
        if actor is None or actor.country or not org:
            return
        o = self.actor(org)
        if o and o.country:
            actor.country = o.country

    def discovered(self, name: str, kind: ActorKind, t0: int, t1: int) -> str:
        """Resolve a discovered name to a gazetteer actor by its tail, or create an actor."""
        t0 = skip_style(self.toks, t0)
        key = tuple(t.text for t in self.toks[t0:t1] if t.text not in HONORIFICS)
        for k in range(len(key)):
            aid = self.gaz.name_on(key[k:], self.on)
            if aid and self.gaz.actors[aid].kind == kind and (k == 0 or kind == ActorKind.PERSON):
                return aid
        last = key[-1] if key else ""
        if kind == ActorKind.PERSON and last in self.surnames:
            return self.surnames[last]
        aid = slugify(" ".join(key))
        if aid not in self.actors:
            clean = name
            self.actors[aid] = Actor(aid, clean, kind, origin="discovered")
        if kind == ActorKind.PERSON:
            self.surnames.setdefault(last, aid)
        return aid

    # -- groups --------------------------------------------------------------------
    def _patron_at(self, i: int) -> str | None:
        """A country named as patron: "Iran-aligned", "Iran-backed", "Russia-allied"."""
        if i + 1 >= len(self.toks) or self.toks[i + 1].text not in PATRON_PARTICIPLES:
            return None
        aid = self.gaz.names.get((self.toks[i].text,))
        actor = self.gaz.actors.get(aid) if aid else None
        return aid if actor and actor.kind == ActorKind.COUNTRY else None

    def _patron_after(self, j: int) -> tuple[int, str] | None:
        """A patron named after a group: "affiliated with Iran's Islamic Revolutionary Guard
        Corps (IRGC)", "backed by Iran": where the phrase ends, and the patron (the last
        organisation or state of a possessive chain)."""
        toks, n = self.toks, len(self.toks)
        if j + 2 >= n or toks[j].text not in PATRON_PARTICIPLES:
            return None
        if toks[j + 1].text not in {"with", "by", "to"}:
            return None
        k = j + 2
        while k < n and toks[k].text == "the":
            k += 1
        span = self._org_span(k)
        if span is None:
            return None
        while span[0] < n and toks[span[0] - 1].possessive and (more := self._org_span(span[0])):
            span = more  # "Iran's Islamic Revolutionary Guard Corps": the IRGC
        end = span[0]
        if end + 2 < n and toks[end].text == "(" and toks[end + 2].text == ")":
            end += 3  # "(IRGC)"
        return end, span[1]

    def group_at(self, i: int) -> tuple[int, str] | None:
        """Unnamed collectives: "senior Iraqi politicians", "the commanders of the militias"."""
        toks, n = self.toks, len(self.toks)
        first = toks[i].text
        patron = self._patron_at(i)
        if not (first in _GROUP_START or first in self.gaz.demonyms or patron):
            return None
        j = i
        adjectives: list[str] = []
        while j < n and toks[j].text in {"the", "senior", "top", "high", "ranking", "some"}:
            j += 1
        while j < n:
            if toks[j].text == "militia" and j + 1 < n and toks[j + 1].text == "groups":
                break
            if toks[j].text in self.gaz.demonyms or toks[j].text in _GROUP_ADJ:
                adjectives.append(toks[j].text)
                j += 1
            elif state := self._patron_at(j):  # "Iran-aligned": Iran's, and a proxy cue
                patron = state
                adjectives.append("backed")
                j += 2
            else:
                break
        militia_groups = j + 1 < n and toks[j].text == "militia" and toks[j + 1].text == "groups"
        if j >= n or (toks[j].text not in COLLECTIVE_HEADS and not militia_groups):
            return None
        head = toks[j].text.rstrip("s")
        j += 2 if militia_groups else 1  # "militia groups" are militias
        if after := self._patron_after(j):  # "militia groups affiliated with Iran's IRGC"
            j, patron = after
            adjectives.append("backed")
        of_head = ""
        if j + 1 < n and toks[j].text == "of" and head != "militia":
            k = j + 1
            while k < n and (
                toks[k].text in {"the"} | _GROUP_ADJ or toks[k].text in self.gaz.demonyms
            ):
                k += 1
            if k < n and toks[k].text in {
                "militias",
                "militia",
                "groups",
                "factions",
                "organizations",
            }:
                of_head, j = toks[k].text.rstrip("s"), k + 1
            elif k < n and self._org_span(k):
                return None  # "officials of the IRGC": the organisation itself is the actor
        if head in {"commander", "leader"} and not of_head:
            return None
        if not adjectives and not of_head:
            return None
        nationality = next((self.gaz.demonyms[a] for a in adjectives if a in self.gaz.demonyms), "")
        nationality = nationality or patron or ""
        key = (
            "-".join(x for x in (nationality, head, "of", of_head) if x)
            if of_head
            else "-".join(
                x
                for x in (
                    nationality,
                    "-".join(a for a in adjectives if a not in self.gaz.demonyms),
                    head,
                )
                if x
            )
        )
        gid = "group-" + slugify(key)
        if gid not in self.actors:
            name = self.surface(i, j)
            name = name[4:] if name.lower().startswith("the ") else name
            self.actors[gid] = Actor(
                gid,
                name,
                ActorKind.ORGANIZATION,
                proxy=of_head == "militia" and _proxy_cue(adjectives),
                origin="discovered",
            )
        return j, gid


_GROUP_ADJ = frozenset(
    [
        "shia",
        "shiite",
        "sunni",
        "pro",
        "iranian",
        "iranian-backed",
        "backed",
        "pro-iranian",
        "armed",
        "local",
        "military",
        "security",
        "government",
        "political",
        "militia",
    ]
)


_GROUP_START = _GROUP_ADJ | COLLECTIVE_HEADS | {"the", "senior", "top", "high", "ranking", "some"}


def _proxy_cue(adjectives: list[str]) -> bool:
    return any(a in {"pro", "backed", "pro-iranian", "iranian-backed"} for a in adjectives)


def skip_style(toks: list[Token], j: int) -> int:
    """Past a style before a name: "H.E.", "His Excellency", "His Royal Highness"."""
    words = tuple(t.text for t in toks[j : j + 4])
    for style in STYLES:
        if words[: len(style)] == style:
            return j + len(style)
    return j
