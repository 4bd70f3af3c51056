"""Interactions from the dependency parse: triggers, then arguments read from the tree.

Works on one parsed sentence (a spaCy `Doc`) whose tokens are already linked to actors.
Subjects, passive agents, objects, prepositional objects, possessors, compounds, modifiers,
appositions and conjunctions give the arguments; the trigger lexicon is data
(`parse_rules.yaml`, loaded by `actornet.extract.parse_rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from actornet.extract.parse_rules import ParseRule, ParseRules
from actornet.model import ActorKind, ClaimStatus, InteractionType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ParseHit", "SentenceParse"]

_SUBJ = frozenset(["nsubj", "nsubjpass", "csubj"])
_MODIFIERS = frozenset(["compound", "amod", "nmod", "poss", "npadvmod"])
_PRONOUNS = frozenset(["he", "she", "his", "her", "him"])
_PLURAL_PRONOUNS = frozenset(["they", "their", "them"])
_COLLECTIVE_PRONOUNS = frozenset(["its", "their"])
_EVENT_NOUNS = frozenset(["explosion", "blast", "explosive", "bomb", "fire", "missile", "rocket"])
_PLACE_KINDS = frozenset([ActorKind.PLACE, ActorKind.COUNTRY])
_PARTY_KINDS = frozenset([ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY])
_REPORTING = frozenset(
    ["say", "report", "claim", "state", "announce", "tell", "add", "write", "note", "accuse"]
)
_LOCATIVE = frozenset(["in", "near", "at", "outside", "around", "inside"])


@dataclass(frozen=True)
class ParseHit:
    """One interaction read off the parse; offsets are relative to the sentence."""

    type: InteractionType
    source: str | None
    target: str
    trigger: int  # character offset of the trigger
    start: int  # character span the evidence should cover
    end: int
    mode: str | None = None
    status: ClaimStatus | None = None
    place: str | None = None


class SentenceParse:
    """Applies the parse rules to one sentence."""

    def __init__(
        self,
        doc: Doc,
        actor_at: dict[int, str],
        kind_of: Callable[[str], ActorKind | None],
        rules: ParseRules,
        last_person: str | None = None,
        discover: Callable[[str, int, int, ActorKind], str | None] | None = None,
        capital_of: dict[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.discover = discover  # (name, start char, end char) -> a discovered place id
        self.capital_of = capital_of or {}  # capital place id -> country id
        self.actor_at = actor_at
        self.kind_of = kind_of
        self.rules = rules
        self.last_person = last_person
        self.hits: list[ParseHit] = []
        self.vetoed: set[int] = set()  # sentence offsets of triggers that tell no event
        self._via_of: Token | None = None

    # -- entry point -----------------------------------------------------------------
    def run(self) -> list[ParseHit]:
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                rules = self.rules.by_verb.get(lemma, ())
                if rules and self._vetoed_verb(tok):
                    self.vetoed.add(tok.idx)
                    continue
                for rule in rules:
                    self._verb(tok, rule)
            elif tok.pos_ in ("NOUN", "PROPN"):
                rules = self.rules.by_noun.get(lemma, ())
                if rules and self._vetoed_noun(tok):
                    self.vetoed.add(tok.idx)
                    continue
                for rule in rules:
                    self._noun(tok, rule)
        return self._unique()

    # -- vetoes: the syntax says the trigger tells no event -----------------------------
    def _hypothetical(self, tok: Token) -> bool:
        """Told as a wish, a request or an aim: "encouraged them to conduct attacks"."""
        cur = tok
        for _ in range(2):
            if cur.dep_ == "pcomp" and cur.head.lower_ == "for":
                return True  # "accused of ... and for initiating attacks": a purpose
            if cur.dep_ not in ("xcomp", "ccomp", "advcl", "acl"):
                return False
            cur = cur.head
            if cur.lemma_.lower() in self.rules.hypothetical_heads:
                return True
        return False

    def _vetoed_verb(self, verb: Token) -> bool:
        """Negated ("did not meet"), hypothetical ("urged them to strike"), or a designation
        ("targeted X for threatening ...")."""
        if self._negated(verb) or self._hypothetical(verb):
            return True
        return verb.lemma_.lower() == "target" and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.tag_ == "VBG" for g in c.children)
            for c in verb.children
        )

    def _vetoed_noun(self, noun: Token) -> bool:
        """A negated clause, or an attack told as a purpose or a product: "support for
        attacks", "videos of attacks", "to prepare for attacks"."""
        if self._negated(noun.head):
            return True
        verb = self._governing_verb(noun)
        if verb is not None and self._hypothetical(verb):
            return True
        attack_nouns = {n for r in self.rules.rules if r.frame == "attack" for n in r.nouns}
        if noun.lemma_.lower() not in attack_nouns:
            return False
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "videos of attacks"
            return noun.head.head.lemma_.lower() in self.rules.media_nouns
        if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to"):
            owner = noun.head.head
            owner_lemma = owner.lemma_.lower()
            return (
                owner_lemma not in self.rules.casualty_nouns
                and owner_lemma not in self.rules.light_verbs
                and owner_lemma not in self.rules.claim_nouns
            )
        return False

    def _unique(self) -> list[ParseHit]:
        seen: set[tuple] = set()
        out = []
        for h in self.hits:
            key = (h.type, h.source, h.target)
            if h.type.symmetric:
                key = (h.type, *sorted([h.source or "", h.target]))
            if key not in seen and h.source != h.target:
                seen.add(key)
                out.append(h)
        return out

    # -- actors of a token -------------------------------------------------------------
    def actors(self, tok: Token, *, installations: bool = False) -> list[str]:
        """Actors a noun phrase stands for, its conjuncts included."""
        out: list[str] = []
        members = [tok, *tok.conjuncts]
        for t in list(members):  # "the United States, Russia, and Jordan" parsed as appositions
            for c in t.children:
                if (
                    c.dep_ == "appos"
                    and c.i in self.actor_at
                    and t.i in self.actor_at
                    and self.kind_of(self.actor_at[c.i]) == self.kind_of(self.actor_at[t.i])
                ):
                    members += [c, *c.conjuncts]
        for t in list(members):  # "... and members of the team, including Foreign Minister X"
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("including", "among"):
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    members += [g for p in objs for g in (p, *p.conjuncts)]
        for t in members:
            a = self._actor(t, installations=installations)
            if a and a not in out:
                out.append(a)
            if a and self._via_of is not None:  # "officers from Syria, Iraq and Iran"
                out += [x for c in self._via_of.conjuncts if (x := self.actor_at.get(c.i))]
        return list(dict.fromkeys(out))

    def _actor(self, tok: Token, *, installations: bool = False) -> str | None:
        self._via_of = None
        aid = self.actor_at.get(tok.i)
        if aid:
            return aid
        low = tok.lower_
        if low in _PRONOUNS:
            return self._antecedent(tok)
        lemma = tok.lemma_.lower()
        for child in tok.children:  # "his Syrian counterpart, Faisal Mekdad": the name wins
            if child.dep_ == "appos" and (found := self._actor(child)):
                return found
            if child.dep_ == "acl" and child.lemma_.lower() in ("lead", "head"):
                for agent in child.children:  # "a Hamas delegation led by Ismail Haniyeh"
                    for pobj in agent.children:
                        if agent.dep_ == "agent" and (found := self._actor(pobj)):
                            return found
        if lemma in self.rules.group_heads and (group := self._national_group(tok)):
            return group
        # modifiers: "Israeli jets", "U.S. aircraft", "Israel's strike", "IRGC positions"
        for child in [
            *tok.children,
            *(
                g
                for c in tok.children
                if c.dep_ == "compound"
                for g in c.children
                if g.dep_ == "compound"
            ),
        ]:
            if child.dep_ in _MODIFIERS:
                found = self.actor_at.get(child.i)
                if found and (installations or self.kind_of(found) != ActorKind.PLACE):
                    return found
                relational = lemma in self.rules.relational_nouns  # "his Qatari counterpart"
                if child.dep_ == "poss" and child.lower_ in _PRONOUNS and not relational:
                    return self._antecedent(child)
                if child.dep_ == "poss" and child.lower_ in _COLLECTIVE_PRONOUNS:
                    return self._antecedent(child, collective=True)
        if installations and lemma in self.rules.installation_heads:
            facility = self._facility(tok)
            if facility:
                return facility
        stand_in = lemma in self.rules.stand_in_heads or (
            installations and lemma in self.rules.installation_heads
        )
        if stand_in:
            for child in tok.children:
                of_words = ("of", "from") if lemma in self.rules.stand_in_heads else ("of",)
                if child.dep_ == "prep" and child.lower_ in of_words:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._actor(pobj, installations=installations)
                            if found and self.kind_of(found) != ActorKind.PERSON:
                                self._via_of = pobj  # "envoy of the president" is not him
                                return found
                if child.dep_ == "acl" and child.lower_ in ("belonging", "linked", "affiliated"):
                    for prep in child.children:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and (found := self._actor(pobj)):
                                return found
        if installations and lemma in self.rules.installation_heads:
            return self._place_of(tok)  # "rebel positions in Idlib": the place was hit
        return None

    def _national_group(self, head: Token) -> str | None:
        """People of a state as a group: "U.S. forces", "Syrian air defenses", "Israeli staff".

        Weapons and vehicles ("Israeli jets") stand for the state instead (stand_in_heads).
        """
        if self.discover is None:
            return None
        mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
        national = [
            m
            for m in mods
            if m.i in self.actor_at and self.kind_of(self.actor_at[m.i]) == ActorKind.COUNTRY
        ]
        if not national:
            return None
        first = min(t.i for m in mods for t in m.subtree)
        span = self.doc[first : head.i + 1]
        return self.discover(span.text, span.start_char, span.end_char, ActorKind.ORGANIZATION)

    def _facility(self, head: Token) -> str | None:
        """A named installation: "the Nayrab military airport", "Tiyas air base"."""
        if self.discover is None:
            return None
        mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
        if not mods or not any(m.pos_ == "PROPN" and m.text[:1].isupper() for m in mods):
            return None
        first = min(t.i for m in mods for t in m.subtree)
        span = self.doc[first : head.i + 1]
        if any(
            t.i in self.actor_at and self.kind_of(self.actor_at[t.i]) != ActorKind.PLACE
            for t in span
        ):
            return None  # "IRGC positions": the owner is named, the owner is the target
        return self.discover(span.text, span.start_char, span.end_char, ActorKind.PLACE)

    def _locative_target(self, *heads: Token) -> str | None:
        """The most specific place a strike hit: "hit a site in the city of Misyaf"."""
        found: list[str] = []
        for head in heads:
            for c in head.children:
                if c.dep_ != "prep" or c.lower_ not in _LOCATIVE:
                    continue
                for pobj in c.children:
                    if pobj.dep_ != "pobj":
                        continue
                    aid = self.actor_at.get(pobj.i)
                    if aid is None:
                        for of in pobj.children:
                            if of.dep_ == "prep" and of.lower_ == "of":
                                known = [g.i for g in of.children if g.i in self.actor_at]
                                aid = self.actor_at[known[0]] if known else None
                    if aid and self.kind_of(aid) in _PLACE_KINDS:
                        found.append(aid)
        places = [a for a in found if self.kind_of(a) == ActorKind.PLACE]
        return (places or found or [None])[0]

    def _place_of(self, tok: Token) -> str | None:
        """A place in a locative phrase under `tok`: "positions near Damascus"."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        aid = self.actor_at.get(pobj.i)
                        if aid and self.kind_of(aid) in _PLACE_KINDS:
                            return aid
        return None

    # -- syntax helpers --------------------------------------------------------------
    def _negated(self, tok: Token) -> bool:
        return any(c.dep_ == "neg" for c in tok.children)

    def _subjects(self, verb: Token, deps: frozenset[str] = frozenset(["nsubj"])) -> list[Token]:
        """Subject tokens of a verb; conjoined, relative and open-clause verbs inherit them."""
        cur, hops = verb, 0
        while hops < 4:
            subj = [c for c in cur.children if c.dep_ in deps]
            if not subj and hops and deps == frozenset(["nsubj"]):
                subj = [c for c in cur.children if c.dep_ == "nsubjpass"]  # "was expelled and fled"
            if subj:
                return subj
            if cur.dep_ == "relcl" and deps == frozenset(["nsubj"]):
                return [cur.head]
            if cur.dep_ == "xcomp":  # "encouraged the Taliban to conduct attacks": object control
                controller = [c for c in cur.head.children if c.dep_ in ("dobj", "obj")]
                if controller:
                    return controller
            if cur.dep_ == "pcomp" and cur.head.lower_ == "of":  # "accused Israel of striking"
                objs = [c for c in cur.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
                if objs:
                    return objs
            if cur.dep_ == "conj" and cur.head.lemma_.lower() in _REPORTING:
                return []  # "X reported that A arrived ... and met": not X's meeting
            if cur.dep_ in ("conj", "xcomp", "advcl", "pcomp") and cur.head != cur:
                if cur.dep_ == "advcl" and not any(
                    c.dep_ == "mark" or c.tag_ == "VBG" for c in [cur, *cur.children]
                ):
                    return []
                cur, hops = cur.head, hops + 1
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG":
                return [cur.head]
            return []
        return []

    def _passive(self, verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ == "acl"
        )

    def _agents(self, verb: Token) -> list[str]:
        out: list[str] = []
        for c in verb.children:
            if c.dep_ == "agent":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        out += self.actors(pobj)
        return out

    def _prep_objects(self, head: Token, preps: Iterable[str], **kw: bool) -> list[str]:
        wanted = set(preps)
        out: list[str] = []
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in wanted:
                for pobj in c.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out += self.actors(pobj, **kw)
        return out

    def _objects(self, verb: Token, **kw: bool) -> list[str]:
        out: list[str] = []
        for c in verb.children:
            if c.dep_ in ("dobj", "obj", "attr"):
                out += self.actors(c, **kw)
        return out

    def _two_sides(self, tok: Token) -> list[str]:
        """ "The two leaders", "both sides": the pair of the last record in this sentence."""
        counted = any(c.lower_ in ("two", "both") for c in tok.children)
        if counted and tok.lemma_.lower() in self.rules.side_nouns and self.hits:
            last = self.hits[-1]
            return [a for a in (last.source, last.target) if a]
        return []

    def _subject_actors(self, verb: Token, deps: frozenset[str] = frozenset(["nsubj"])) -> list:
        out: list[str] = []
        for s in self._subjects(verb, deps):
            out += self.actors(s) or self._two_sides(s)
            if s.lower_ in _PLURAL_PRONOUNS:
                out.append("?plural")
        return [a for a in out if a != "?plural"]

    def _place(self, verb: Token) -> str | None:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for pobj in c.children:
                    aid = self.actor_at.get(pobj.i)
                    if pobj.dep_ == "pobj" and aid and self.kind_of(aid) in _PLACE_KINDS:
                        return aid
        return None

    def _status(self, trigger: Token) -> ClaimStatus | None:
        """Planned: a modal, a plan verb or an infinitive under "to be" governs the trigger."""
        cues = self.rules.status_cues.get(ClaimStatus.PLANNED, frozenset())
        cur = trigger
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lower_ in cues for c in cur.children):
                return ClaimStatus.PLANNED
            if cur.dep_ in ("xcomp", "ccomp") and cur.head.lemma_.lower() in cues:
                return ClaimStatus.PLANNED
            if cur.head == cur:
                break
            cur = cur.head
        return None

    def _mode(self, rule: ParseRule, trigger: Token, extra: Iterable[Token] = ()) -> str | None:
        if rule.mode:
            return rule.mode
        table = self.rules.attack_modes if rule.frame == "attack" else None
        if rule.frame == "meet":
            table = self.rules.meet_modes
        if not table:
            return None
        near = " ".join(t.lower_ for t in (*trigger.subtree, *extra))
        for cue, mode in table:
            if cue in near:
                return mode
        if rule.frame == "meet":
            return "in_person"
        return None

    def _emit(
        self,
        rule: ParseRule,
        trigger: Token,
        pairs: Iterable[tuple[str | None, str]],
        *,
        mode: str | None = None,
        place: str | None = None,
        status: ClaimStatus | None = None,
    ) -> None:
        sent = trigger.sent
        for source, target in pairs:
            if source == target or not target:
                continue
            self.hits.append(
                ParseHit(
                    rule.type,
                    source,
                    target,
                    trigger.idx,
                    sent.start_char,
                    sent.end_char,
                    mode,
                    status,
                    place,
                )
            )

    # -- verbs -------------------------------------------------------------------------
    def _verb(self, verb: Token, rule: ParseRule) -> None:
        frame = rule.frame
        status = self._status(verb)
        if frame == "meet":
            self._meet_verb(verb, rule, status)
        elif frame == "visit":
            travellers = self._subject_actors(verb)
            if rule.object_travels:  # "sent JAM members to Iran": the object travels
                travellers = self._objects(verb)
            self._visit(verb, rule, travellers, status, is_noun=False)
        elif frame == "sign":
            self._sign_verb(verb, rule, status)
        elif frame == "attack":
            self._attack_verb(verb, rule, status)

    def _meet_verb(self, verb: Token, rule: ParseRule, status: ClaimStatus | None) -> None:
        meet_nouns = {n for r in self.rules.rules if r.frame == "meet" for n in r.nouns}
        if any(c.dep_ == "dobj" and c.lemma_.lower() in meet_nouns for c in verb.children):
            return  # "received a phone call from X", "hosted talks with X": the noun reads it
        subjects = self._subject_actors(verb)
        targets = self._prep_objects(verb, rule.preps)
        if targets:  # "met with A, B and members of the team, including C and D"
            targets += self._prep_objects(verb, ("including",))
        if not rule.requires_prep:
            objs = self._objects(verb)
            if rule.object_kinds:
                objs = [o for o in objs if self.kind_of(o) in rule.object_kinds]
            targets += objs
        targets = [t for t in targets if self.kind_of(t) in _PARTY_KINDS]
        subjects = [p for x in subjects if (p := self._as_party(x))]
        mode, place = self._mode(rule, verb), self._place(verb)
        if subjects and targets:
            pairs = [(s, t) for s in subjects for t in targets]
        elif len(subjects) > 1 and not rule.object_kinds:
            pairs = list(combinations(subjects, 2))
        else:
            return
        self._emit(rule, verb, pairs, mode=mode, place=place, status=status)

    def _visit(
        self,
        trigger: Token,
        rule: ParseRule,
        sources: list[str],
        status: ClaimStatus | None,
        *,
        is_noun: bool,
        anchor: Token | None = None,
    ) -> None:
        sources = [s for s in sources if self.kind_of(s) not in _PLACE_KINDS]
        if not sources:
            return
        targets = self._prep_objects(trigger, rule.preps)
        if not is_noun and trigger.lemma_.lower() in ("visit", "tour"):
            targets += self._objects(trigger)
        if not is_noun and not targets:  # "traveled as a member of delegations to Moscow"
            for c in trigger.children:
                if c.dep_ == "prep" and c.lower_ in ("as", "on", "with"):
                    for pobj in c.children:
                        for t in (
                            pobj,
                            *[
                                g
                                for p in pobj.children
                                if p.dep_ == "prep"
                                for g in p.children
                                if g.dep_ == "pobj"
                            ],
                        ):
                            targets += self._prep_objects(t, rule.preps)
        if anchor is not None:  # "paid a visit to": the preposition may hang on the verb
            targets += self._prep_objects(anchor, rule.preps)
        targets = [t for t in dict.fromkeys(targets) if self.kind_of(t) in _PLACE_KINDS]
        self._emit(rule, trigger, [(s, t) for s in sources for t in targets], status=status)

    def _sign_verb(self, verb: Token, rule: ParseRule, status: ClaimStatus | None) -> None:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if verb.dep_ == "relcl" and not objs:
            objs = [verb.head]  # "the cease-fire agreement that A, B and C had reached"
        lemma = verb.lemma_.lower()
        agreement_nouns = {n for r in self.rules.rules if r.frame == "sign" for n in r.nouns}
        if lemma != "agree":
            objs = [o for o in objs if o.lemma_.lower() in agreement_nouns]
            if not objs:
                return
        parties = self._subject_actors(verb)
        others = self._prep_objects(verb, rule.preps)
        for o in objs:
            others += self._prep_objects(o, ("with", "between"))
        if lemma == "agree" and not others and len(parties) < 2:
            return
        self._pairs_of_parties(verb, rule, parties, others, status)

    def _pairs_of_parties(
        self,
        trigger: Token,
        rule: ParseRule,
        parties: list[str],
        others: list[str],
        status: ClaimStatus | None,
    ) -> None:
        parties = [p for x in parties if (p := self._as_party(x))]
        others = [p for x in others if (p := self._as_party(x))]
        if parties and others:
            pairs = [(p, o) for p in parties for o in others]
        else:
            pairs = list(combinations(parties or others, 2))
        self._emit(
            rule,
            trigger,
            pairs,
            mode=self._mode(rule, trigger),
            place=self._place(trigger),
            status=status,
        )

    def _as_party(self, aid: str) -> str | None:
        """A party to talks or a deal: a capital city stands for its state ("Moscow and Tehran")."""
        if self.kind_of(aid) in _PARTY_KINDS:
            return aid
        return self.capital_of.get(aid)

    def _attack_verb(self, verb: Token, rule: ParseRule, status: ClaimStatus | None) -> None:
        lemma = verb.lemma_.lower()
        weapons_as_object = lemma in ("launch", "fire", "shoot")
        extra: list[Token] = []
        if self._passive(verb):
            patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acl" and not patients:
                patients = [verb.head]
            if weapons_as_object:  # "rockets were fired at the embassy": the weapon is no target
                extra += patients
                patients = []
            targets = [a for p in patients for a in self.actors(p, installations=True)]
            if weapons_as_object:
                targets += self._prep_objects(verb, rule.preps, installations=True)
            sources: list[str | None] = list(self._agents(verb))
            struck = False  # an attack noun or an explosion names the means
            if not sources:
                for c in verb.children:  # "killed in a U.S. air strike", "killed by strikes"
                    if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by"):
                        for pobj in c.children:
                            plemma = pobj.lemma_.lower()
                            if plemma in self.rules.by_noun or plemma in _EVENT_NOUNS:
                                sources += self._attackers_of_noun(pobj)
                                extra.append(pobj)
                                struck = True
            if not sources:
                named_weapon = weapons_as_object and targets
                if lemma in self.rules.needs_attacker and not struck and not named_weapon:
                    return  # "were killed in a helicopter crash": no attack told
                sources = [None]
        else:
            subj_toks = self._subjects(verb)
            sources = []
            for s in subj_toks:
                slemma = s.lemma_.lower()
                if slemma in self.rules.by_noun or slemma in _EVENT_NOUNS:
                    sources += self._attackers_of_noun(s) or [None]
                    extra.append(s)
                else:
                    sources += self.actors(s)
            if subj_toks and not sources and any(self._unknown_agent(s) for s in subj_toks):
                sources = [None]  # "unidentified gunmen assassinated ..."
            if not subj_toks or not sources:
                return
            targets = [] if weapons_as_object else self._objects(verb, installations=True)
            targets += self._prep_objects(verb, rule.preps, installations=True)
            if weapons_as_object:
                extra += [c for c in verb.children if c.dep_ == "dobj"]
        if lemma in self.rules.defensive_lemmas:
            weapons = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if any(w.lemma_.lower() in self.rules.projectiles for w in weapons):
                return  # "missiles were intercepted": air defence, not an attack on a party
        if lemma in ("kill", "assassinate", "execute"):
            targets = [t for t in targets if self.kind_of(t) not in _PLACE_KINDS]
        if not targets and not self._passive(verb):
            dobjs = [c for c in verb.children if c.dep_ == "dobj"]
            if dobjs or lemma in ("strike", "bomb", "shell", "raid", "hit"):
                place = self._locative_target(*dobjs, verb)
                targets = [place] if place else []
        pairs = [(s, t) for s in dict.fromkeys(sources) for t in dict.fromkeys(targets)]
        self._emit(rule, verb, pairs, mode=self._mode(rule, verb, extra), status=status)

    # -- nouns -------------------------------------------------------------------------
    def _unknown_agent(self, tok: Token) -> bool:
        """Attackers the text does not name: "unidentified gunmen", "drones"."""
        unknown = any(c.lower_ in ("unidentified", "unknown", "masked") for c in tok.children)
        return unknown or tok.lemma_.lower() in _EVENT_NOUNS

    def _claimed(self, noun: Token) -> tuple[list[str], ClaimStatus] | None:
        """ "X claimed responsibility for the attack", "X denied involvement in the attack"."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "in"):
            return None
        owner = noun.head.head
        if owner.lemma_.lower() not in self.rules.claim_nouns:
            return None
        verb = owner.head if owner.dep_ in ("dobj", "obj", "pobj") else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        denied = self.rules.status_cues.get(ClaimStatus.DENIED, frozenset())
        status = ClaimStatus.DENIED if verb.lower_ in denied else ClaimStatus.REPORTED
        return self._subject_actors(verb), status

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb a trigger noun is the object of: "held talks", "carried out strikes"."""
        head = noun.head
        if noun.dep_ in ("dobj", "obj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        return None

    def _attackers_of_noun(self, noun: Token) -> list[str]:
        out: list[str] = []
        for c in noun.children:
            if c.dep_ in _MODIFIERS:
                aid = self.actor_at.get(c.i)
                if aid and self.kind_of(aid) != ActorKind.PLACE:
                    out.append(aid)
                elif c.lower_ in _PRONOUNS and (ante := self._antecedent(c)):
                    out.append(ante)
                elif c.lemma_.lower() in self.rules.stand_in_heads:
                    out += self._modifier_actors(c)
            by_of = c.lower_ == "of" and noun.lemma_.lower() not in self.rules.of_target_nouns
            if c.dep_ == "prep" and (c.lower_ == "by" or by_of):  # "strikes of the Air Force"
                out += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        return list(dict.fromkeys(out))

    def _modifier_actors(self, tok: Token) -> list[str]:
        return [
            aid
            for c in tok.children
            if c.dep_ in _MODIFIERS
            and (aid := self.actor_at.get(c.i))
            and self.kind_of(aid) != ActorKind.PLACE
        ]

    def _noun(self, noun: Token, rule: ParseRule) -> None:
        verb = self._governing_verb(noun)
        if verb is not None and verb.lemma_.lower() in self.rules.by_verb:
            same_frame = any(r.frame == rule.frame for r in self.rules.by_verb[verb.lemma_.lower()])
            reads_it = rule.frame != "meet" or noun.dep_ not in ("dobj", "obj")
            if same_frame and reads_it and verb.lemma_.lower() not in self.rules.light_verbs:
                return  # the verb's own rule reads this phrase
        light = verb is not None and (
            verb.lemma_.lower() in self.rules.light_verbs
            or (rule.frame == "meet" and verb.lemma_.lower() in self.rules.by_verb)
            or (noun.dep_ == "pobj" and noun.head.lower_ == "with" and rule.frame == "attack")
        )
        status = self._status(verb if verb is not None else noun)
        own = self._attackers_of_noun(noun) if rule.frame == "attack" else []
        if rule.frame != "attack":
            own = [
                a
                for c in noun.children
                if c.dep_ in ("poss", "compound", "amod")
                for a in self._own_party(c)
            ]
            if rule.frame == "visit":  # "the visit by X to Y"; "joined in meetings by X" is not
                own += self._prep_objects(noun, ("by",))
        subj = self._subject_actors(verb) if light and verb is not None else []
        if rule.frame == "meet":
            partners = self._prep_objects(noun, rule.preps)
            if verb is not None and light:
                partners += self._prep_objects(verb, rule.preps)
            of_parties = self._prep_objects(noun, ("of", "among"))
            parties = list(dict.fromkeys(subj + own))
            partners = [p for p in partners if p not in parties]
            if not parties and not partners:
                parties = of_parties
            if not parties and len(partners) < 2:
                return
            self._pairs_of_parties(noun, rule, parties, partners, status)
        elif rule.frame == "visit":
            by = self._prep_objects(noun, ("by",))  # "hosted the visit by X to Y"
            travellers = by or subj or own  # "X participated in a delegation to Y": X
            anchor = verb if light else None
            self._visit(noun, rule, travellers, status, is_noun=True, anchor=anchor)
        elif rule.frame == "sign":
            between = self._prep_objects(noun, rule.preps)
            if verb is not None and light:
                between += self._prep_objects(verb, rule.preps)
            parties = list(dict.fromkeys(subj + own))
            if not parties and len(between) < 2:
                return
            self._pairs_of_parties(noun, rule, parties, between, status)
        else:
            self._attack_noun(noun, rule, own, subj, verb if light else None, status)

    def _own_party(self, tok: Token) -> list[str]:
        aid = self.actor_at.get(tok.i)
        if aid and self.kind_of(aid) != ActorKind.PLACE:
            return [aid]
        if tok.lower_ in _PRONOUNS and (ante := self._antecedent(tok)):
            return [ante]
        return []

    def _antecedent(self, pronoun: Token, *, collective: bool = False) -> str | None:
        """He/his: the nearest person named before it in the sentence, else the last one.
        Its/their: the organisation or state that is the subject of the main clause."""
        wanted = (ActorKind.ORGANIZATION, ActorKind.COUNTRY) if collective else (ActorKind.PERSON,)
        if collective:  # the main clause's subject: "Israel revealed that its forces ..."
            root = pronoun.sent.root
            for subj in root.children:
                if subj.dep_ == "nsubj" and subj.i < pronoun.i and subj not in pronoun.ancestors:
                    aid = self.actor_at.get(subj.i)
                    if aid and self.kind_of(aid) in wanted:
                        return aid
            return None
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            aid = self.actor_at.get(i)
            if aid and self.kind_of(aid) in wanted:
                return aid
        return None if collective else self.last_person

    def _attack_noun(
        self,
        noun: Token,
        rule: ParseRule,
        own: list[str],
        subj: list[str],
        verb: Token | None,
        status: ClaimStatus | None,
    ) -> None:
        claim = self._claimed(noun)
        if claim is not None:
            own, status = claim[0] or own, claim[1]
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by"):
            passive_verb = noun.head.head
            if passive_verb.lemma_.lower() in self.rules.by_verb:
                return  # "killed in a strike": the verb's rule reads it
        targets = self._prep_objects(noun, rule.preps, installations=True)
        if noun.lemma_.lower() in self.rules.of_target_nouns:
            targets += self._prep_objects(noun, ("of",))
        if verb is not None:
            targets += self._prep_objects(verb, rule.preps, installations=True)
        if not targets and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during"):
            victim = noun.head.head  # "the death of a number of Qods Force personnel in strikes"
            cur, hops = victim, 0
            while cur.lemma_.lower() not in self.rules.casualty_nouns and hops < 4:
                if cur.dep_ != "pobj" or cur.head.lower_ != "of":
                    break
                cur, hops = cur.head.head, hops + 1
            if cur.lemma_.lower() in self.rules.casualty_nouns and victim is not cur:
                targets = self.actors(victim, installations=True)
        if not targets and (own or subj):
            place = self._locative_target(noun, *([verb] if verb is not None else []))
            targets = [place] if place else []
        if not targets:
            return
        sources: list[str | None] = list(dict.fromkeys(own or subj)) or [None]
        pairs = [(s, t) for s in sources for t in dict.fromkeys(targets)]
        self._emit(rule, noun, pairs, mode=self._mode(rule, noun), status=status)
