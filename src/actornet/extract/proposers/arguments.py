"""Arguments from the dependency parse: which actor a token, a phrase or a clause names.

`ArgumentReader` holds one parsed sentence (a spaCy `Doc`) whose tokens are already linked to
actors, and answers: who is the subject of this verb (through coordination, relative and
open clauses, object control), who is its passive agent, which actors does this noun phrase
stand for (appositions, "led by", national groups, modifiers, "officers from X", named
installations), who do pronouns point to. `actornet.extract.proposers.frames` builds the
records on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actornet.extract.proposers.frame_rules import FrameRules
from actornet.model import ActorKind, ClaimStatus, InteractionType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ArgumentReader", "ParseHit", "TriggerReading"]

MODIFIERS = frozenset(["compound", "amod", "nmod", "poss", "npadvmod"])
PRONOUNS = frozenset(["he", "she", "his", "her", "him"])
COLLECTIVE_PRONOUNS = frozenset(["its", "their"])
EVENT_NOUNS = frozenset(["explosion", "blast", "explosive", "bomb", "fire", "missile", "rocket"])
PLACE_KINDS = frozenset([ActorKind.PLACE, ActorKind.COUNTRY])
PARTY_KINDS = frozenset([ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY])
REPORTING = frozenset(
    ["say", "report", "claim", "state", "announce", "tell", "add", "write", "note", "accuse"]
)
_RULED_BY = frozenset(["regime", "government", "administration", "cabinet"])
_TEMPORAL_PREPS = frozenset(["after", "before", "upon", "while", "following", "since"])
RELATIVE = frozenset(["who", "which", "that", "whom"])  # stand for the clause's antecedent
SERIES = frozenset(["act", "campaign", "series", "wave", "string", "spate", "number", "dozen"])
LOCATIVE = frozenset(["in", "near", "at", "outside", "around", "inside"])


@dataclass(frozen=True)
class TriggerReading:
    """What the parse says of one trigger verb's own arguments, to check a token-rule reading
    of the same trigger against: its subject, object, "with" company and, passive, patients."""

    subjects: frozenset[str] = frozenset()  # "" stands for an event subject no one is named for
    objects: frozenset[str] = frozenset()
    company: frozenset[str] = frozenset()  # "struck X with the approval of Russia"
    patients: frozenset[str] = frozenset()  # "members of the division were killed"

    def contradicts(
        self, source: str | None, target: str, home_of: Callable[[str], str | None]
    ) -> bool:
        """The token rules read someone the parse rules out ("Sudan claimed that Israel had
        bombed ..." is no act of Sudan's)."""
        return (
            _other(source, self.subjects, home_of)
            or _other(target, self.objects, home_of)
            or target in self.company
            or (source is not None and source in self.patients)
        )


def _other(aid: str | None, parsed: frozenset[str], home_of: Callable[[str], str | None]) -> bool:
    """`aid` is neither one of the parsed actors nor their state, nor the state of one."""
    if not parsed or aid is None:
        return False
    if {aid, home_of(aid)} & parsed:
        return False
    return not any(home_of(a) == aid for a in parsed)


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
    frame: str = ""  # the parse rule's frame ("meet", "attack_noun", ...): a scorer feature


class ArgumentReader:
    """Reads the actors of tokens, phrases and clauses in one parsed sentence."""

    def __init__(
        self,
        doc: Doc,
        actor_at: dict[int, str],
        kind_of: Callable[[str], ActorKind | None],
        rules: FrameRules,
        last_person: str | None = None,
        discover: Callable[[str, int, int, ActorKind], str | None] | None = None,
        capital_of: dict[str, str] | None = None,
        home_of: Callable[[str], str | None] | None = None,
        *,
        joint_at: dict[int, list[str]] | None = None,
        state_voice: Callable[[str], str | None] | None = None,
    ) -> None:
        self.doc = doc
        self.actor_at = actor_at  # token index -> actor id
        self.kind_of = kind_of
        self.rules = rules
        self.last_person = last_person  # the document's last person before this sentence
        self.discover = discover  # (name, start char, end char, kind) -> a discovered actor id
        self.capital_of = capital_of or {}  # capital place id -> country id
        self.home_of = home_of or (lambda _aid: None)  # actor id -> its state's id
        self.joint_at = joint_at or {}  # token index -> the states of "U.S.-Israeli"
        # actor id -> the state it speaks for (a capital, an official, a ministry), or None
        self.state_voice = state_voice or (lambda _aid: None)
        self.hits: list[ParseHit] = []  # records read so far ("the two leaders" looks back)
        self._via_of: Token | None = None

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
                elif c.dep_ == "appos" and t.i not in self.actor_at:
                    # "two scientists, Majid Shahriari and Fereydoon Abbasi, were targeted"
                    members += [g for g in c.conjuncts if g.i in self.actor_at]
        for t in list(members):  # "... and members of the team, including Foreign Minister X"
            for c in t.subtree:
                if c.dep_ == "prep" and c.lower_ in ("including", "among"):
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    members += [g for p in objs for g in (p, *p.conjuncts)]
        for t in list(members):  # "the ministers of health, energy and trade": each holder
            if t.i not in self.actor_at and t.tag_ == "NNS":
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        held = [
                            g
                            for p in c.children
                            if p.dep_ == "pobj"
                            for g in p.subtree  # "of defense and foreign affairs", misparsed
                            if g.i in self.actor_at
                            and self.kind_of(self.actor_at[g.i]) == ActorKind.PERSON
                        ]
                        if len({self.actor_at[g.i] for g in held}) > 1:
                            members = [m for m in members if m is not t] + held
        for t in members:
            a = self._actor(t, installations=installations)
            if a and a not in out:
                out.append(a)
            if a and a == self.actor_at.get(t.i):  # "U.S.-Israeli" strikes: both states
                out += [x for x in self.joint_at.get(t.i, ()) if x not in out]
            joint = t.lemma_.lower() in self.rules.joint_force_heads
            for m in t.children if joint else ():  # "U.S. and Israeli forces": both states
                if a and m.dep_ in MODIFIERS and self.actor_at.get(m.i) == a:
                    out += [x for x in self._coordinated_states(m) if x not in out]
            if a and self._via_of is not None:  # "officers from Syria, Iraq and Iran"
                via = self._via_of  # "targets of Syrian air defenses and Iranian facilities"
                out += [
                    x
                    for c in via.conjuncts
                    if (x := self.actor_at.get(c.i) or self._actor(c, installations=installations))
                ]
        return list(dict.fromkeys(out))

    def _actor(self, tok: Token, *, installations: bool = False) -> str | None:
        self._via_of = None
        if self.discover is not None and self._people_of_state(tok):  # "against Americans"
            return self.discover(tok.text, tok.idx, tok.idx + len(tok.text), ActorKind.ORGANIZATION)
        aid = self.actor_at.get(tok.i)
        organisation = aid and self.kind_of(aid) == ActorKind.ORGANIZATION
        if aid and (
            (tok.pos_ == "NOUN" and self.kind_of(aid) == ActorKind.PERSON) or organisation
        ):  # "the Iranian Ministry of Foreign Affairs, Amir Abdollahian, spoke": the person
            for child in tok.children:  # "the head of X's service, Omar Kibet": the name wins
                named = self.actor_at.get(child.i)
                appos = child.dep_ == "appos" and child.pos_ == "PROPN"
                if appos and named and named != aid and self.kind_of(named) == ActorKind.PERSON:
                    return named
        if aid:
            return aid
        low = tok.lower_
        if low in PRONOUNS:
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
            if child.dep_ in MODIFIERS:
                found = self.actor_at.get(child.i)
                if (
                    found
                    and lemma in _RULED_BY
                    and self.kind_of(found) == ActorKind.PERSON
                    and (state := self.home_of(found))
                ):
                    return state  # "the Assad regime", "the Biden administration": the state
                if found and (installations or self.kind_of(found) != ActorKind.PLACE):
                    return found
                relational = lemma in self.rules.relational_nouns  # "his Qatari counterpart"
                if child.dep_ == "poss" and child.lower_ in PRONOUNS and not relational:
                    return self._antecedent(child)
                if child.dep_ == "poss" and child.lower_ in COLLECTIVE_PRONOUNS:
                    return self._antecedent(child, collective=True)
        for child in tok.children:  # "Dozens of Hamas militants", misparsed: Hamas
            quantity = child.like_num or child.lemma_.lower() in self.rules.stand_in_heads
            if child.dep_ == "nmod" and quantity:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            found = self.actor_at.get(pobj.i)
                            if found and self.kind_of(found) != ActorKind.PLACE:
                                return found
        if installations and lemma in self.rules.installation_heads:
            facility = self._facility(tok)
            if facility:
                return facility
        stand_in = (
            lemma in self.rules.stand_in_heads
            or tok.like_num  # "three of its fighters"
            or (installations and lemma in self.rules.installation_heads)
        )
        if stand_in:
            for child in tok.children:
                of_words = ("of", "from") if lemma in self.rules.stand_in_heads else ("of",)
                if child.dep_ == "prep" and child.lower_ in of_words:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._actor(pobj, installations=installations)
                            if found and tok.like_num:  # "two of its advisers, A and B"
                                named = [c for c in pobj.children if c.dep_ == "appos"]
                                self._via_of = named[0] if named else pobj
                                return found
                            if found and self.kind_of(found) != ActorKind.PERSON:
                                self._via_of = pobj  # "envoy of the president" is not him
                                return found
                            hit = pobj.lemma_.lower() in self.rules.installation_heads
                            if not found and installations and hit:
                                # "a number of targets in Yemen": the place was hit
                                return self._place_of(tok)
                if child.dep_ == "acl" and child.lower_ in self.rules.owner_participles:
                    for prep in child.children:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and (found := self._actor(pobj)):
                                return found
                if child.dep_ == "acl" and child.lower_ in self.rules.host_participles:
                    for obj in child.children:
                        if obj.dep_ in ("dobj", "obj") and (found := self._actor(obj)):
                            return found
        if installations and lemma in self.rules.installation_heads:
            return self._place_of(tok)  # "rebel positions in Idlib": the place was hit
        return None

    def _people_of_state(self, tok: Token) -> bool:
        """A nationality used as a plural noun names people, not the state: "Americans"."""
        return (
            tok.ent_type_ == "NORP"
            and tok.tag_ in ("NNPS", "NNS")
            and tok.dep_ not in ("amod", "compound", "nmod", "poss")
        )

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
        joint = head.lemma_.lower() in self.rules.joint_force_heads
        if not national or (joint and self._coordinated_states(national[0])):
            return None  # "U.S. and Israeli forces" are each state's forces: the states act
        first = min(t.i for m in mods for t in m.subtree)
        span = self.doc[first : head.i + 1]
        return self.discover(span.text, span.start_char, span.end_char, ActorKind.ORGANIZATION)

    def _coordinated_states(self, modifier: Token) -> list[str]:
        """The other states coordinated with a national modifier: "U.S. and Israeli" forces."""
        return [
            aid
            for c in modifier.conjuncts
            if (aid := self.actor_at.get(c.i)) and self.kind_of(aid) == ActorKind.COUNTRY
        ]

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
                if c.dep_ != "prep" or c.lower_ not in LOCATIVE:
                    continue
                for pobj in c.children:
                    if pobj.dep_ != "pobj":
                        continue
                    lemma = pobj.lemma_.lower()
                    if lemma in self.rules.by_noun or lemma in EVENT_NOUNS:
                        # "killed in U.S. strikes on positions in Qaim": the strikes' own place
                        aimed = [
                            g
                            for p in pobj.children
                            if p.dep_ == "prep" and p.lower_ in ("on", "against", "at")
                            for g in p.children
                            if g.dep_ == "pobj"
                        ]
                        if (where := self._locative_target(pobj, *aimed)) is not None:
                            found.append(where)
                        continue
                    aid = self._place_named(pobj)
                    if aid is None:
                        for of in pobj.children:
                            if of.dep_ == "prep" and of.lower_ == "of":
                                known = [g.i for g in of.children if g.i in self.actor_at]
                                aid = self.actor_at[known[0]] if known else None
                    if aid and self.kind_of(aid) in PLACE_KINDS:
                        found.append(aid)
        places = [a for a in found if self.kind_of(a) == ActorKind.PLACE]
        return (places or found or [None])[0]

    def _place_of(self, tok: Token) -> str | None:
        """A place in a locative phrase under `tok`: "positions near Damascus"."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        aid = self._place_named(pobj)
                        if aid and self.kind_of(aid) in PLACE_KINDS:
                            return aid
        return None

    def _place_named(self, tok: Token) -> str | None:
        """The place a locative noun names: "Homs" in "Homs province", "the Deraa district"."""
        aid = self.actor_at.get(tok.i)
        if aid:
            return aid
        for c in tok.children:  # a nationality ("Syrian territory") is not a place named
            if c.dep_ in ("compound", "nmod") and c.i in self.actor_at:
                found = self.actor_at[c.i]
                if self.kind_of(found) in PLACE_KINDS:
                    return found
        return None

    def _negated(self, tok: Token) -> bool:
        return any(c.dep_ == "neg" for c in tok.children)

    def _subjects(self, verb: Token, deps: frozenset[str] = frozenset(["nsubj"])) -> list[Token]:
        """Subject tokens of a verb; conjoined, relative and open-clause verbs inherit them."""
        cur, hops = verb, 0
        while hops < 4:
            subj = [c for c in cur.children if c.dep_ in deps and c.lower_ not in RELATIVE]
            if not subj and hops and deps == frozenset(["nsubj"]):
                subj = [c for c in cur.children if c.dep_ == "nsubjpass"]  # "was expelled and fled"
            if subj:
                return subj
            if cur.dep_ == "relcl" and deps == frozenset(["nsubj"]):
                antecedent = cur.head
                if antecedent.dep_ == "attr" and antecedent.i not in self.actor_at:
                    # "Gaber is a Houthi operative who has traveled ...": Gaber travelled
                    named = [c for c in antecedent.head.children if c.dep_ == "nsubj"]
                    if named and named[0].i in self.actor_at:
                        return named
                return [antecedent]
            if cur.dep_ == "xcomp":  # "encouraged the Taliban to conduct attacks": object control
                controller = [c for c in cur.head.children if c.dep_ in ("dobj", "obj")]
                if controller:
                    return controller
            if cur.dep_ == "pcomp" and cur.head.lower_ == "of":  # "accused Israel of striking"
                objs = [c for c in cur.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
                if objs:
                    return objs
            if cur.dep_ == "conj" and cur.head.lemma_.lower() in REPORTING:
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
            if hops and cur.dep_ == "prep" and cur.lower_ in _TEMPORAL_PREPS:
                cur, hops = cur.head, hops + 1  # "After fleeing to Iran, Abu Dura ...": his flight
                continue
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

    def _subject_actors(self, verb: Token, deps: frozenset[str] = frozenset(["nsubj"])) -> list:
        out: list[str] = []
        for s in self._subjects(verb, deps):
            found = self.actors(s) or self._two_sides(s)
            if len(found) == 1 and self.kind_of(found[0]) == ActorKind.PERSON:
                found += self._coordinated_persons(s, found[0])
            out += found + self._co_agents(s)
        return list(dict.fromkeys(out))

    def _co_agents(self, subject: Token) -> list[str]:
        """Partners who act with the subject: "U.S. forces, together with the United Kingdom,
        struck ...", "as part of an operation alongside the UK" (not "with support from")."""
        out: list[str] = []
        for tok in subject.subtree:
            if tok.dep_ != "prep":
                continue
            joint = tok.lower_ in self.rules.co_agent_preps or (
                tok.lower_ == "with"
                and any(c.lower_ in self.rules.co_agent_adverbs for c in tok.children)
            )
            if joint:
                out += [a for p in tok.children if p.dep_ == "pobj" for a in self.actors(p)]
        return out

    def _coordinated_persons(self, head: Token, known: str) -> list[str]:
        """ "President A and Crown Prince B held talks", misparsed as one noun phrase: the
        persons of a subject that coordinates ("and") are all subjects."""
        span = list(head.subtree)
        if not any(t.dep_ == "cc" and t.lower_ == "and" for t in span):
            return []
        persons = [self.actor_at[t.i] for t in span if t.i in self.actor_at]
        return [
            p for p in dict.fromkeys(persons) if p != known and self.kind_of(p) == ActorKind.PERSON
        ]

    def _two_sides(self, tok: Token) -> list[str]:
        """ "The two leaders", "both sides": the pair of the last record in this sentence."""
        counted = any(c.lower_ in ("two", "both") for c in tok.children)
        if counted and tok.lemma_.lower() in self.rules.side_nouns and self.hits:
            last = self.hits[-1]
            return [a for a in (last.source, last.target) if a]
        return []

    def _place(self, verb: Token) -> str | None:
        """Where the act happened: the trigger's own "in"/"at" phrase, or one the parser hung
        on its partner ("met with X in Tehran")."""
        heads = [verb]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between"):
                heads += [p for p in c.children if p.dep_ == "pobj"]
        for head in heads:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for pobj in c.children:
                        aid = self.actor_at.get(pobj.i)
                        if pobj.dep_ == "pobj" and aid and self.kind_of(aid) in PLACE_KINDS:
                            return aid
        cur = verb
        while cur.dep_ == "conj" and cur.head is not cur:  # "where he met X and signed ..."
            cur = cur.head
        if cur.dep_ == "relcl" and any(c.lower_ == "where" for c in cur.children):
            aid = self.actor_at.get(cur.head.i)  # "arrived in Ankara, where he met X": Ankara
            if aid and self.kind_of(aid) in PLACE_KINDS:
                return aid
        return None

    def _as_party(self, aid: str) -> str | None:
        """A party to talks or a deal: a capital city stands for its state ("Moscow and Tehran")."""
        if self.kind_of(aid) in PARTY_KINDS:
            return aid
        return self.capital_of.get(aid)

    # -- nouns -------------------------------------------------------------------------
    def _unknown_agent(self, tok: Token) -> bool:
        """Attackers the text does not name: "unidentified gunmen", "drones"."""
        unknown = any(c.lower_ in ("unidentified", "unknown", "masked") for c in tok.children)
        return unknown or tok.lemma_.lower() in EVENT_NOUNS

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb a trigger noun is the object of: "held talks", "carried out strikes"."""
        head = noun.head
        if noun.dep_ in ("dobj", "obj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if noun.dep_ == "conj" and head.lemma_.lower() in self.rules.light_verbs:
            return head  # "participated in grenade and mortar attacks", misparsed as a conjunct
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in SERIES:
            return self._governing_verb(head.head)  # "directs acts of violence against X"
        return None

    def _attackers_of_noun(self, noun: Token) -> list[str]:
        out: list[str] = []
        for c in noun.children:
            if c.dep_ in MODIFIERS:
                aid = self.actor_at.get(c.i)
                if aid and self.kind_of(aid) != ActorKind.PLACE:
                    out += self.joint_at.get(c.i, [aid])  # "U.S.-Israeli strikes": both
                elif c.lower_ in PRONOUNS and (ante := self._antecedent(c)):
                    out.append(ante)
                elif c.lemma_.lower() in self.rules.stand_in_heads:
                    out += self._modifier_actors(c)
            by_of = c.lower_ == "of" and noun.lemma_.lower() not in self.rules.of_target_nouns
            if c.dep_ == "prep" and (c.lower_ == "by" or by_of):  # "strikes of the Air Force"
                out += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        if not out and noun.dep_ == "nsubjpass":  # "the strike ... was carried out by Israel"
            out = self._agents(noun.head)
        if not out:  # "attacks against X conducted by Y" (the parser may hang it on X)
            for t in noun.subtree:
                if t.dep_ == "acl" and t.lemma_.lower() in self.rules.light_verbs:
                    out += self._agents(t)
        return list(dict.fromkeys(out))

    def _modifier_actors(self, tok: Token) -> list[str]:
        return [
            aid
            for c in tok.children
            if c.dep_ in MODIFIERS
            and (aid := self.actor_at.get(c.i))
            and self.kind_of(aid) != ActorKind.PLACE
        ]

    def _own_party(self, tok: Token) -> list[str]:
        aid = self.actor_at.get(tok.i)
        if aid and self.kind_of(aid) != ActorKind.PLACE:
            return [aid]
        if tok.lower_ in PRONOUNS and (ante := self._antecedent(tok)):
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
        root = pronoun.sent.root
        if pronoun.i < root.i:  # "During his visit to Iran, Masoud held talks": the subject after
            for subj in root.children:
                if subj.dep_ == "nsubj" and subj.i > pronoun.i:
                    aid = self.actor_at.get(subj.i)
                    if aid and self.kind_of(aid) == ActorKind.PERSON:
                        return aid
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            aid = self.actor_at.get(i)
            if aid and self.kind_of(aid) in wanted:
                return aid
        return self.last_person
