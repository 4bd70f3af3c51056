"""Interaction rules: trigger phrases and how their arguments are found. The patterns are data."""

from __future__ import annotations

from dataclasses import dataclass

from actornet.extract.actors.lexicon import PATRON_PARTICIPLES
from actornet.extract.actors.mentions import Unit
from actornet.extract.proposers.frame_rules import load_frame_rules
from actornet.extract.text import Token
from actornet.model import ActorKind, ClaimStatus, InteractionType

__all__ = ["TRIGGERS", "Candidate", "Trigger", "apply_rules", "so_called"]

MET, VIS, SIG, ATK = (
    InteractionType.MET_WITH,
    InteractionType.VISITED,
    InteractionType.SIGNED_AGREEMENT,
    InteractionType.ATTACKED,
)


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    type: InteractionType
    form: str  # verb | passive | noun
    mode: str | None = None


def _t(phrases: str, type_: InteractionType, form: str, mode: str | None = None) -> list[Trigger]:
    return [Trigger(tuple(p.split()), type_, form, mode) for p in phrases.split("|")]


TRIGGERS: list[Trigger] = [
    *_t(
        "met with|met|meet with|meets with|to meet|held talks with|"
        "held a meeting with|held discussions with|discussed with|talked with|"
        "conferred with|received|hosted|"
        "spoke with",
        MET,
        "verb",
    ),
    *_t(
        "held online discussions with|held online talks with|held a video conference with|"
        "held a videoconference with",
        MET,
        "verb",
        "online",
    ),
    *_t(
        "held a phone call with|held a telephone conversation with|spoke by phone with|"
        "spoke on the phone with|phoned|called",
        MET,
        "verb",
        "phone",
    ),
    *_t("meeting with|talks with|phone call with|conversation with|meeting of", MET, "noun"),
    *_t(
        "visited|visits|arrived for a visit in|arrived for a visit to|arrived for a visit|"
        "arrived in|arrived to|paid a visit to|traveled to|travelled to|made a visit to|"
        "landed in|will visit|to visit",
        VIS,
        "verb",
    ),
    *_t("visit to|visit in|visit of|visit paid by|trip to", VIS, "noun"),
    *_t(
        "signed|concluded|reached an agreement|reached agreements|agreed to establish|"
        "agreed to set up|agreed to form|agreed to open|agreed to hold|agreed to maintain|"
        "agreed to expand|agreed on",
        SIG,
        "verb",
    ),
    *_t(
        "will be signed|to be signed|are expected to sign|is expected to sign|intend to sign|"
        "intends to sign|plan to sign|plans to sign",
        SIG,
        "planned",
    ),
    *_t(
        "attacked|struck|bombed|shelled|targeted|fired rockets at|fired missiles at|"
        "launched an attack on|carried out an attack on|killed",
        ATK,
        "verb",
    ),
    *_t(
        "assassinated by|killed by|struck by|attacked by|targeted by|bombed by|executed by",
        ATK,
        "passive",
    ),
    *_t(
        "assassination of|attack on|attacks on|strike on|strikes on|strikes against|"
        "strike against|attempted attack on|attempt on the life of|execution of|"
        "airstrike on|airstrikes on|air strike on|air strikes on",
        ATK,
        "noun",
    ),
]
_BY_FIRST: dict[str, list[Trigger]] = {}
for _tr in sorted(TRIGGERS, key=lambda t: -len(t.words)):
    _BY_FIRST.setdefault(_tr.words[0], []).append(_tr)

_DELEGATES = frozenset(
    [
        "officials",
        "representatives",
        "members",
        "delegation",
        "delegates",
        "envoys",
        "officers",
        "staff",
    ]
)
_ATTACK_PREPS = frozenset({"on", "against", "of", "at", "", ",", "and", "including", "targeting"})
_SINGLE_VERBS = frozenset(
    tr.words[0] for tr in TRIGGERS if tr.form == "verb" and len(tr.words) == 1
) - {"received", "called"}
_PREPS = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "with",
        "of",
        "about",
        "for",
        "on",
        "near",
        "by",
        "into",
        "against",
        "over",
        "under",
    ]
)
_STOP = frozenset(
    [
        ".",
        ";",
        ":",
        "which",
        "who",
        "whom",
        "where",
        "while",
        "whereas",
        "during",
        "after",
        "before",
        "following",
        "that",
        "concerning",
        "regarding",
        "about",
        "because",
        "since",
        "although",
    ]
)
_AUXILIARIES = frozenset(["has", "have", "had", "was", "were", "is", "are", "will", "also"])
_ARTICLES = frozenset(["the", "a", "an", "other", "several", "senior", "high", "top", "both"])
_PRONOUNS = frozenset(["his", "her", "its", "their", "he", "she", "it", "they"])
_ATTACK_MODES = [
    ("assassinat", "assassination"),
    ("attempt", "attempted_attack"),
    ("rocket", "rocket_attack"),
    ("missile", "rocket_attack"),
    ("drone", "drone_strike"),
    ("uav", "drone_strike"),
    ("jets", "air_strike"),
    ("air strike", "air_strike"),
    ("airstrike", "air_strike"),
    ("aerial", "air_strike"),
    ("air force", "air_strike"),
    ("execut", "execution"),
]


@dataclass
class Candidate:
    type: InteractionType
    source: str | None
    target: str
    trigger: int  # token index
    mode: str | None = None
    status: ClaimStatus | None = None  # a status the rule itself fixes (denied, planned)
    place: str | None = None
    t0: int = 0  # token span the evidence should cover
    t1: int = 0
    place_told: bool = False  # the place is the trigger's own "in"/"at" phrase (parse)
    via: str = "token"  # which proposer found it: token, parse, accusation, implied, loose, ...
    frame: str = ""  # the parse frame, or the token rule's trigger form


def so_called(toks: list[Token], i: int, a: int) -> bool:
    """The word at i is the "called" of "so-called" ("a so-called major general"): no call."""
    if toks[i].text != "called":
        return False
    j = i - 1 if i > a and toks[i - 1].text == "-" else i
    return j > a and toks[j - 1].text == "so"


def find_triggers(toks: list[Token], a: int, b: int) -> list[tuple[int, int, Trigger]]:
    out: list[tuple[int, int, Trigger]] = []
    i = a
    while i < b:
        if so_called(toks, i, a):
            i += 1
            continue
        for tr in _BY_FIRST.get(toks[i].text, ()):
            n = len(tr.words)
            if i + n <= b and all(toks[i + k].text == w for k, w in enumerate(tr.words)):
                out.append((i, i + n, tr))
                i += n - 1
                break
        i += 1
    return out


class SentenceRules:
    """Apply every trigger of one sentence to its units."""

    def __init__(
        self, toks: list[Token], a: int, b: int, units: list[Unit], context: Context
    ) -> None:
        self.toks, self.a, self.b, self.units, self.ctx = toks, a, b, units, context
        self.parens = self._paren_mask()
        self.consumed: set[int] = set()  # units already taken as objects of an earlier trigger

    def _paren_mask(self) -> set[int]:
        inside, depth = set(), 0
        for i in range(self.a, self.b):
            t = self.toks[i].text
            if t == "(":
                depth += 1
            elif t == ")":
                depth = max(0, depth - 1)
            elif depth:
                inside.add(i)
        return inside

    def prev(self, u: Unit) -> str:
        return self.toks[u.t0 - 1].text if u.t0 - 1 >= self.a else ""

    def prev2(self, u: Unit) -> str:
        return self.toks[u.t0 - 2].text if u.t0 - 2 >= self.a else ""

    # -- subjects ------------------------------------------------------------------
    def subjects(self, k: int, *, allow_of: bool = False, places: bool = False) -> list[Unit]:
        chosen: list[Unit] = []
        for u in reversed([u for u in self.units if u.t1 <= k]):
            if u.t0 in self.parens or (u.t0 in self.consumed and not chosen):
                continue
            if any(t.text in {";", ":"} for t in self.toks[u.t1 : k]):
                break
            p = self.prev(u)
            relative = u.t1 + 1 < self.b and self.toks[u.t1].text == ","
            relative = relative and self.toks[u.t1 + 1].text in {"who", "which"}
            blocked = p in _PREPS and not (p == "by" and self.prev2(u) in {"headed", "led"})
            if (allow_of and p == "of") or self._delegation(u) or (relative and not chosen):
                blocked = False  # "X, who was responsible for ...": X whatever precedes it
            if not chosen:
                if blocked or (u.kind == ActorKind.PLACE and not places) or u.possessive:
                    continue
                if u.kind == ActorKind.COUNTRY and not places and u is not self.units[0]:
                    continue  # "the crossing connecting Syria and Iraq and met": not subjects
                chosen.append(u)
                continue
            between = {t.text for t in self.toks[u.t1 : chosen[-1].t0]}
            if "and" in between and between <= {"and", ","} and not blocked:
                chosen.append(u)
            else:
                break
        return list(reversed(chosen))

    def pronoun_subject(self, k: int) -> list[Unit]:
        """`his visit` -> the sentence's main subject, else the context's last person; "his"
        and "her" stand for a person, "its" and "their" for anyone else."""
        personal = k > self.a and self.toks[k - 1].text in {"his", "her", "he", "she"}

        def fits(u: Unit) -> bool:
            return (u.kind == ActorKind.PERSON) == personal

        after = [
            u
            for u in self.units
            if u.t0 > k and self.prev(u) not in _PREPS and u.kind != ActorKind.PLACE and fits(u)
        ]
        lead = {t.text for t in self.toks[max(self.a, k - 4) : k]}
        if (
            lead & {"during", "following", "after", "prior", "before", "upon", "throughout"}
            and after
        ):
            comma = self._comma_after(k)
            while comma + 1 < self.b and self.toks[comma + 1].text in _RELATIVE_WORDS:
                comma = self._comma_after(comma + 1)  # ", which lasted ten days, X held"
            main = [u for u in after if comma < u.t0 <= comma + 2]
            if main:
                return [main[0]]
        before = [u for u in self.subjects(k) if fits(u)]
        if before:
            return before
        last = self.ctx.last_person
        return [last] if last and personal else []

    def _comma_after(self, k: int) -> int:
        return next((i for i in range(k, self.b) if self.toks[i].text == ","), self.b)

    # -- objects -------------------------------------------------------------------
    def objects(self, e: int, preps: set[str]) -> list[tuple[Unit, str]]:
        out: list[tuple[Unit, str]] = []
        starts = {u.t0: u for u in self.units}
        chain: int | None = None
        chain_prep = ""
        comma_from: int | None = None  # where in `out` the chain went on after a comma
        i = e
        while i < self.b:
            if i in self.parens or self.toks[i].text in {"(", ")"}:
                i += 1
                continue
            u = starts.get(i)
            if u:
                p = "" if self._delegation(u) else self._effective_prep(u, e)
                if p in {",", "and"} and chain is not None and u.t0 - chain <= 2:
                    if p == "," and comma_from is None:
                        comma_from = len(out)
                    p = chain_prep  # "in Karbala, Baghdad and Basra": all three after "in"
                else:
                    comma_from = None
                chain, chain_prep = u.t1, p
                if (
                    p in preps
                    or p in {"", ",", "and", "including", "them", "among"}
                    or p in _ARTICLES
                ):
                    out.extend((m, p) for m in (u.members or [u]))
                    if u.members:
                        return out
                i = u.t1
                continue
            t = self.toks[i]
            told_by = t.text in _SINGLE_VERBS or t.text in _AUXILIARIES or _verbish(t.text)
            if i == chain and comma_from is not None and told_by:
                del out[comma_from:]  # "a visit to Damascus, Iran and Syria agreed": a subject
                break
            if t.text == ";" and "with" in preps and self._goes_on_with(i):
                i += 1  # "met with A; with B; and with C": one list of partners
                continue
            if t.text in _STOP or (i > e and t.text in _SINGLE_VERBS):
                break
            nxt = self.toks[i + 1] if i + 1 < self.b else None
            if (
                t.text == "to"
                and nxt
                and not nxt.capitalised
                and nxt.text not in _ARTICLES
                and (i + 1) not in starts
                and nxt.text not in {"with", "in"}
            ):
                break
            if t.text == "and" and nxt and (_verbish(nxt.text) or nxt.text in _AUXILIARIES):
                break  # "to meet with A and has coordinated with B": B is another verb's
            i += 1
        return out

    def _goes_on_with(self, i: int) -> bool:
        """The semicolon at i is followed by "with" or "and with"."""
        nxt = [t.text for t in self.toks[i + 1 : min(self.b, i + 3)]]
        return nxt[:1] == ["with"] or nxt[:2] == ["and", "with"]

    def _locates(self, u: Unit) -> bool:
        """A country after a town the gazetteer does not know ("met ... in Davos,
        Switzerland") says where, not with whom."""
        t = u.t0
        return (
            u.kind == ActorKind.COUNTRY
            and t - 3 >= self.a
            and self.toks[t - 1].text == ","
            and self.toks[t - 2].capitalised
            and self.toks[t - 3].text in {"in", "at"}
        )

    def _delegation(self, u: Unit) -> bool:
        """`officials in|at|of ORG`, `delegation of ORG`: the organisation stands for them."""
        j = u.t0 - 1
        while j > self.a and self.toks[j].text in _ARTICLES:
            j -= 1
        return (
            j > self.a
            and self.toks[j].text in {"in", "at", "of", "from"}
            and self.toks[j - 1].text in _DELEGATES
            and u.kind == ActorKind.ORGANIZATION
        )

    def _effective_prep(self, u: Unit, e: int) -> str:
        """The word before a unit, skipping articles ("on the X" -> "on")."""
        j = u.t0 - 1
        while j >= e and self.toks[j].text in _ARTICLES:
            j -= 1
        return self.toks[j].text if j >= e else ""

    def first_after(self, e: int, word: str) -> Unit | None:
        for i in range(e, self.b):
            if self.toks[i].text in _STOP or self.toks[i].text == ",":
                return None
            if self.toks[i].text == word:
                found = next(
                    (
                        u
                        for u in self.units
                        if u.t0 == i + 1 or (u.t0 == i + 2 and self.toks[i + 1].text == "the")
                    ),
                    None,
                )
                return self._past_patron(found)
        return None

    def _past_patron(self, u: Unit | None) -> Unit | None:
        """ "by Iran-affiliated Kataib Hezbollah": the patron is a modifier; the group acts."""
        if u is None or u.t1 >= self.b:
            return u
        nxt = self.toks[u.t1]  # the hyphen itself is no token
        if nxt.text not in PATRON_PARTICIPLES or nxt.start != self.toks[u.t1 - 1].end + 1:
            return u
        return next((v for v in self.units if v.t0 == u.t1 + 1), u)

    def _visit_agent(self, e: int) -> Unit | None:
        """ "the visit to Baghdad by the President of Egypt": the agent after the place."""
        by = self.first_after(e, "by")
        return by if by is not None and by.kind != ActorKind.PLACE else None

    # -- per type --------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        out: list[Candidate] = []
        for k, e, tr in find_triggers(self.toks, self.a, self.b):
            if tr.type == ATK:
                found = self._attack(k, e, tr)
            elif tr.type == SIG:
                found = self._agreement(k, e, tr)
            else:
                found = self._meet_or_visit(k, e, tr)
            for c in found:
                self.ctx.remember(c.type, c.source, c.target)
            out.extend(found)
        planned = {
            frozenset((c.source, c.target)) for c in out if c.type == SIG and c.mode == "planned"
        }
        return [
            c
            for c in out
            if not (
                c.type == SIG and c.mode != "planned" and frozenset((c.source, c.target)) in planned
            )
        ]

    def _meet_or_visit(self, k: int, e: int, tr: Trigger) -> list[Candidate]:
        before = self.toks[k - 1].text if k > self.a else ""
        if tr.form == "noun":
            owner = [
                u
                for u in self.units
                if u.t1 == k - (1 if before in {"the", "a"} else 0) and u.possessive
            ]
            if owner:
                srcs = owner
            elif before in _PRONOUNS:
                srcs = self.pronoun_subject(k)
            elif tr.words[-1] in {"of", "by"}:
                u = next((u for u in self.units if u.t0 in (e, e + 1)), None)
                srcs = [u] if u else []
                e = u.t1 if u else e
            elif tr.type == VIS and (by := self._visit_agent(e)):
                srcs = [by]  # "welcomes the visit to Baghdad by X": X travelled, not who welcomes
            else:
                srcs = self.subjects(k)
        else:
            srcs = self.subjects(k)
        if tr.type == VIS:
            objs = [
                u
                for u, _ in self.objects(e, {"in", "to", "at"})
                if u.kind in (ActorKind.PLACE, ActorKind.COUNTRY)
            ]
            self.consumed.update(o.t0 for o in objs)
            status = ClaimStatus.PLANNED if tr.words[0] in {"will", "to"} else None
            return [
                Candidate(VIS, s.actor_id, o.actor_id, k, status=status, t0=min(s.t0, k), t1=o.t1)
                for s in srcs
                for o in objs
                if s.actor_id != o.actor_id and s.kind != ActorKind.PLACE
            ]
        found = self.objects(e, {"with"})
        place = next(
            (u.actor_id for u, p in found if u.kind == ActorKind.PLACE and p in {"in", "at"}), None
        )
        objs = [
            u
            for u, p in found
            if u.kind != ActorKind.PLACE
            and p not in {"in", "at", "to", "of"}
            and not self._locates(u)
        ]
        self.consumed.update(o.t0 for o in objs)
        mode = tr.mode or self.ctx.meeting_mode(self.toks, self.a, self.b)
        status = ClaimStatus.PLANNED if tr.words[0] == "to" else None
        return [
            Candidate(MET, s.actor_id, o.actor_id, k, mode, status, place, min(s.t0, k), o.t1)
            for s in srcs
            for o in objs
            if s.actor_id != o.actor_id
        ]

    def _agreement(self, k: int, e: int, tr: Trigger) -> list[Candidate]:
        window = [t.text for t in self.toks[max(self.a, k - 4) : e + 6]]
        mode = (
            "planned"
            if tr.form == "planned"
            else ("agreed" if tr.words[0] in {"agreed", "reached"} else "signed")
        )
        status = ClaimStatus.PLANNED if tr.form == "planned" or "will" in window[:4] else None
        between = self.first_after(e, "between")
        if between:
            rest = [u for u in self.units if u.t0 > between.t1][:1]
            pairs = [(between, rest[0])] if rest else []
            pairs = [(x, y) for x, y in pairs if ActorKind.PLACE not in (x.kind, y.kind)]
        else:
            srcs = self.subjects(k)
            two = self._two_sides(k)
            if two and (
                not srcs
                or any(self.toks[i].text == "two" for i in range(max(self.a, k - 6), e + 6))
            ):
                return [Candidate(SIG, two[0], two[1], k, mode, status, t0=self.a, t1=self.b)]
            objs = [u for u, p in self.objects(e, {"with"}) if p == "with"]
            if not objs and srcs and mode == "agreed":
                partner = self.ctx.partner_of(srcs[0].actor_id)
                return (
                    [
                        Candidate(
                            SIG, srcs[0].actor_id, partner, k, mode, status, t0=self.a, t1=self.b
                        )
                    ]
                    if partner
                    else []
                )
            pairs = [(s, o) for s in srcs for o in objs]
        return [
            Candidate(SIG, s.actor_id, o.actor_id, k, mode, status, t0=min(s.t0, k), t1=o.t1)
            for s, o in pairs
            if s.actor_id != o.actor_id
        ]

    def responsibility(self) -> list[Candidate]:
        """`X claimed responsibility for the attack` -> X attacked the last attack's target."""
        words = [t.text for t in self.toks[self.a : self.b]]
        if not self.ctx.pending_attacks or "responsibility" not in words:
            return []
        k = self.a + words.index("responsibility")
        if k - 1 < self.a or self.toks[k - 1].text not in {"claimed", "claims", "took", "claim"}:
            return []
        subj = self.subjects(k - 1)
        target, mode = self.ctx.pending_attacks[-1]
        return [
            Candidate(ATK, u.actor_id, target, k, mode, None, t0=self.a, t1=self.b) for u in subj
        ]

    def _two_sides(self, k: int) -> tuple[str, str] | None:
        window = " ".join(t.text for t in self.toks[max(self.a, k - 8) : min(self.b, k + 8)])
        if "two countries" in window or "both countries" in window:
            return self.ctx.last_pair(countries=True)
        if "two sides" in window or "two parties" in window or "both sides" in window:
            return self.ctx.last_pair(countries=False)
        return None

    def _attack(self, k: int, e: int, tr: Trigger) -> list[Candidate]:
        span_text = " ".join(t.text for t in self.toks[max(self.a, k - 6) : min(self.b, e + 4)])
        mode = next((m for cue, m in _ATTACK_MODES if cue in span_text), None)
        if tr.words[0] == "attempted":
            mode = "attempted_attack"
        status = None
        if tr.form == "passive":
            targets = self.subjects(k, allow_of=True, places=True)
            src = self.first_after(k, "by")
            srcs = [src] if src else []
        elif tr.form == "noun":
            targets = [u for u, p in self.objects(e, _ATTACK_PREPS) if p in _ATTACK_PREPS]
            by = self.first_after(e, "by")
            srcs = [by] if by else []
            before = [t.text for t in self.toks[max(self.a, k - 12) : k]]
            demonym = self.ctx.demonym(self.toks[k - 1].text) if k > self.a else None
            if k - 2 >= self.a and not demonym:
                demonym = self.ctx.demonym(self.toks[k - 2].text)
            if "involvement" in before:
                status = (
                    ClaimStatus.DENIED if {"denied", "rejected", "denies"} & set(before) else None
                )
                idx = max(i for i, w in enumerate(before) if w == "involvement")
                demonym = self.ctx.demonym(before[idx - 1]) if idx else None
                if demonym:
                    srcs = []
            if demonym and not srcs:
                srcs = [self.ctx.unit_for(demonym)]
            if not srcs and ({"responsible", "carried", "launched", "conducted"} & set(before)):
                srcs = self.subjects(
                    k
                    - len(before)
                    + before.index(
                        next(
                            w
                            for w in before
                            if w in {"responsible", "carried", "launched", "conducted"}
                        )
                    )
                )
            for t in targets[:1]:
                self.ctx.pending_attacks.append((t.actor_id, mode))
            if not srcs:
                return []
        else:
            srcs = self.subjects(k)
            targets = [u for u, p in self.objects(e, _ATTACK_PREPS) if p in _ATTACK_PREPS]
        targets = _places_after_party_dropped(targets)
        return [
            Candidate(
                ATK,
                s.actor_id,
                t.actor_id,
                k,
                mode,
                status,
                t0=min(s.t0, t.t0, k),
                t1=max(t.t1, s.t1),
            )
            for s in srcs
            for t in targets
            if s and s.actor_id != t.actor_id
        ]


_RELATIVE_WORDS = frozenset(["which", "who", "whom", "whose", "where", "when", "that"])


def _places_after_party_dropped(targets: list[Unit]) -> list[Unit]:
    """Strikes "against targets of the militias in Salah a-Din, Baghdad and Basra": once a
    party is hit, the towns named after it are where, not whom."""
    first_party = next((u.t0 for u in targets if u.kind != ActorKind.PLACE), None)
    if first_party is None:
        return targets
    return [u for u in targets if u.kind != ActorKind.PLACE or u.t0 < first_party]


_IRREGULAR = frozenset(
    [
        "met",
        "said",
        "held",
        "spoke",
        "made",
        "took",
        "gave",
        "sent",
        "left",
        "told",
        "went",
        "saw",
        "became",
        "paid",
        "led",
        "sought",
        "brought",
        "won",
        "lost",
        "began",
    ]
)


def _verbish(word: str) -> bool:
    return word in _IRREGULAR or (word.endswith("ed") and len(word) > 4)


from actornet.extract.actors.context import Context  # noqa: E402


def accused_of(toks: list[Token], a: int, b: int, units: list[Unit]) -> tuple[int, list[Unit]]:
    """`A blamed X for the attack`, `A accused X of being behind these attacks`: an attack
    told before, named here without its target. The attack noun's token and the accused
    (X), or (-1, []). An attack named with its target ("the attack on Y") is the parse's."""
    vocabulary = load_frame_rules()  # one vocabulary with the parse: accuse_verbs, attacks
    accuse, attacks = vocabulary.accuse_forms, vocabulary.attack_noun_forms
    words = [t.text for t in toks[a:b]]
    k = next((i for i, w in enumerate(words) if w in accuse), None)
    if k is None:
        return -1, []
    j = next((i for i in range(k + 1, len(words)) if words[i] in {"for", "of"}), None)
    if words[k + 1 : k + 2] in (["the"], ["these"]):  # "blamed the (rocket) attack on X"
        noun = next(
            (i for i in range(k + 2, k + 5) if words[i : i + 1] and words[i] in attacks), None
        )
        if noun is not None and words[noun + 1 : noun + 2] == ["on"]:
            on = a + noun + 1
            accused = [u for u in units if on < u.t0 and u.kind != ActorKind.PLACE]
            return (a + noun, accused) if accused else (-1, [])
    if j is None:
        return -1, []
    noun = next((i for i in range(j + 1, len(words)) if words[i] in attacks), None)
    if noun is None or not {"the", "these", "those"} & set(words[j + 1 : noun]):
        return -1, []  # "the attack(s)", "these attacks": the one told before
    if noun + 1 < len(words) and words[noun + 1] in _ATTACK_PREPS - {"", ",", "and"}:
        return -1, []  # "the attack on Y": its target is here
    accused = [u for u in units if a + k < u.t0 and u.t1 <= a + j and u.kind != ActorKind.PLACE]
    return (a + noun, accused) if accused else (-1, [])


def apply_rules(
    toks: list[Token], a: int, b: int, units: list[Unit], ctx: Context
) -> list[Candidate]:
    rules = SentenceRules(toks, a, b, units, ctx)
    return rules.run() + rules.responsibility()
