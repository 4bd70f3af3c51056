"""Interactions from the dependency parse: triggers, then arguments read from the tree.

Works on one parsed sentence (a spaCy `Doc`) whose tokens are already linked to actors.
Subjects, passive agents, objects, prepositional objects, possessors, compounds, modifiers,
appositions and conjunctions give the arguments; the trigger lexicon is data
(`frame_rules.yaml`, loaded by `actornet.extract.proposers.frame_rules`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy

from actornet.extract.proposers.arguments import (
    EVENT_NOUNS,
    PARTY_KINDS,
    PLACE_KINDS,
    RELATIVE,
    SERIES,
    ArgumentReader,
    ParseHit,
    TriggerReading,
)
from actornet.extract.proposers.frame_rules import FrameRule
from actornet.model import ActorKind, ClaimStatus, InteractionType

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ParseHit", "SentenceParse", "TriggerReading"]


class SentenceParse(ArgumentReader):
    """Applies the parse rules to one sentence: triggers, frames, vetoes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vetoed: set[int] = set()  # sentence offsets of triggers that tell no event
        self.readings: dict[int, TriggerReading] = {}  # trigger verb offset -> its own arguments

    # -- entry point -----------------------------------------------------------------
    def run(self) -> list[ParseHit]:
        # Only trigger lemmas need a Token object: finding them on the lemma array is cheaper
        # than walking every token of every parsed sentence.
        keys = self.rules.lemma_keys(self.doc.vocab.strings)
        lemmas = self.doc.to_array("LEMMA")
        for i in numpy.flatnonzero(numpy.isin(lemmas, keys)):
            tok = self.doc[int(i)]
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                rules = self.rules.by_verb.get(lemma, ())
                if rules and self._vetoed_verb(tok):
                    self.vetoed.add(tok.idx)
                    continue
                if rules:
                    self._read_trigger(tok, rules)
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
    def _read_trigger(self, verb: Token, rules: list[FrameRule]) -> None:
        """Record the trigger verb's own arguments (`TriggerReading`)."""
        if self._passive(verb):
            victims = [
                a
                for c in verb.children
                if c.dep_ == "nsubjpass"
                for a in self.actors(c, installations=True)
            ]
            if victims:
                self.readings[verb.idx] = TriggerReading(patients=frozenset(victims))
            return
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE]
        own = [a for c in subj for a in self.actors(c)]
        own += [  # "the Ministry of Foreign Affairs, Amir Abdollahian, spoke"
            a
            for c in subj
            for g in c.children
            if g.dep_ == "appos"
            for a in self.actors(g)
            if self.kind_of(a) == ActorKind.PERSON
        ]
        if not own and (event := self._event_subject(verb)) is not None:
            own = [a or "" for a in self._event_attackers(event)[0]]  # "": no one named
        company = []
        if any(r.frame == "attack" for r in rules):
            company = [
                a
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.subtree
                if (a := self.actor_at.get(g.i))
            ]
        objects = self._objects(verb)
        for r in rules:  # "travelled from Paris to Baghdad": the trip's destination, not Paris
            if r.frame == "visit" and not r.object_travels:
                objects += [
                    a for a in self._prep_objects(verb, r.preps) if self.kind_of(a) in PLACE_KINDS
                ]
                if not objects and self._prep_objects(verb, ("from",)):
                    objects.append("")  # "arrived from Moscow": no destination told
        reading = TriggerReading(frozenset(own), frozenset(objects), frozenset(company))
        if reading != TriggerReading():
            self.readings[verb.idx] = reading

    def _hypothetical(self, tok: Token) -> bool:
        """Told as a wish, a request or an aim: "encouraged them to conduct attacks"."""
        cur = tok
        for _ in range(2):
            if cur.dep_ == "pcomp" and cur.head.lower_ == "for":
                return True  # "accused of ... and for initiating attacks": a purpose
            if cur.dep_ == "pcomp" and cur.head.head.lemma_.lower() in self.rules.prospect_nouns:
                return True  # "pose a significant risk of committing acts of violence"
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
        if verb.lemma_.lower() in self.rules.designation_verbs and any(  # "Treasury targeted"
            w in " ".join(t.lower_ for t in s.subtree)
            for s in self._subjects(verb)
            for w in self.rules.designation_subjects
        ):
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
        unnamed = not self._attackers_of_noun(noun)
        if verb is not None and verb.lemma_.lower() in self.rules.backing_verbs and unnamed:
            return True  # "supported acts of violence against ...": the backing is the fact
        while (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_.lower() in (SERIES)
        ):
            noun = noun.head.head  # "support for acts of violence": read "acts"
        attack_nouns = {n for r in self.rules.rules if r.frame == "attack" for n in r.nouns}
        if noun.lemma_.lower() not in attack_nouns | SERIES:
            return False
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "videos of attacks"
            return noun.head.head.lemma_.lower() in self.rules.media_nouns
        if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to"):
            if self._accused(noun):
                return False  # "held X responsible for the attack": the attack is told
            owner = noun.head.head
            owner_lemma = owner.lemma_.lower()
            return (
                owner_lemma not in self.rules.casualty_nouns
                and owner_lemma not in self.rules.light_verbs
                and owner_lemma not in self.rules.claim_nouns
                and owner_lemma not in self.rules.response_nouns  # "in response to X's strikes"
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

    def _mode(self, rule: FrameRule, trigger: Token, extra: Iterable[Token] = ()) -> str | None:
        if rule.mode:
            return rule.mode
        table = self.rules.attack_modes if rule.frame == "attack" else None
        if rule.frame == "meet":
            table = self.rules.meet_modes
        if not table:
            return None
        if rule.frame == "meet" and trigger.lemma_.lower() == "summit":
            return "multilateral_talks"
        phrase = trigger.head if trigger.dep_ == "compound" else trigger  # "assassination attempt"
        near = " ".join(t.lower_ for t in (*phrase.subtree, *extra))
        for cue, mode in table:
            if cue in near:
                return mode
        if rule.frame == "meet":
            return "in_person"
        return None

    def _emit(
        self,
        rule: FrameRule,
        trigger: Token,
        pairs: Iterable[tuple[str | None, str]],
        *,
        mode: str | None = None,
        place: str | None = None,
        status: ClaimStatus | None = None,
    ) -> None:
        sent = trigger.sent
        if status in (None, ClaimStatus.ASSERTED, ClaimStatus.REPORTED) and self._insinuated(
            trigger
        ):
            status = ClaimStatus.UNCONFIRMED
            self.vetoed.add(trigger.idx)  # the token rules' reading would assert it
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
                    f"{rule.frame}:{'verb' if trigger.pos_ in ('VERB', 'AUX') else 'noun'}",
                )
            )

    def _insinuated(self, trigger: Token) -> bool:
        """Told as insinuation: "the so-called Israeli strike", "... was a false flag"."""
        sentence = trigger.sent.text.lower()
        if any(cue in sentence for cue in self.rules.insinuation_sentence):
            return True
        if trigger.pos_ in ("VERB", "AUX"):
            return False  # "the so-called Islamic State attacked": its name, not the act
        phrase = self.doc[trigger.left_edge.i : trigger.i + 1].text.lower()
        return any(cue in phrase for cue in self.rules.insinuation_phrase)

    # -- verbs -------------------------------------------------------------------------
    def _verb(self, verb: Token, rule: FrameRule) -> None:
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

    def _meet_verb(self, verb: Token, rule: FrameRule, status: ClaimStatus | None) -> None:
        meet_nouns = {n for r in self.rules.rules if r.frame == "meet" for n in r.nouns}
        if any(c.dep_ == "dobj" and c.lemma_.lower() in meet_nouns for c in verb.children):
            return  # "received a phone call from X", "hosted talks with X": the noun reads it
        if rule.requires_purpose and not self._purpose_in(verb, rule.requires_purpose):
            return  # "has worked with X": cooperation, no talks told
        subjects = self._subject_actors(verb)
        targets = self._prep_objects(verb, rule.preps)
        if targets:  # "met with A, B and members of the team, including C and D"
            targets += self._prep_objects(verb, ("including",))
        if not rule.requires_prep:
            if rule.object_kinds:  # "received the minister", not "received Iran's proposal"
                objs = [
                    a
                    for c in verb.children
                    if c.dep_ in ("dobj", "obj") and self._names_party(c)
                    for a in self.actors(c)
                    if self.kind_of(a) in rule.object_kinds
                ]
            else:
                objs = self._objects(verb)
            targets += objs
        targets = [t for t in targets if self.kind_of(t) in PARTY_KINDS]
        subjects = [p for x in subjects if (p := self._as_party(x))]
        mode, place = self._mode(rule, verb), self._place(verb)
        if subjects and targets:
            pairs = [(s, t) for s in subjects for t in targets]
        elif len(subjects) > 1 and not rule.object_kinds:
            pairs = list(combinations(subjects, 2))
        else:
            return
        self._emit(rule, verb, pairs, mode=mode, place=place, status=status)

    @staticmethod
    def _purpose_in(verb: Token, purposes: frozenset[str]) -> bool:
        """The verb's open clause ("to discuss ...") is one of `purposes`."""
        return any(
            c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in purposes for c in verb.children
        )

    def _names_party(self, tok: Token) -> bool:
        """The phrase itself names a party (a name, a role, a delegation), not a thing that
        belongs to one."""
        lemma = tok.lemma_.lower()
        return (
            tok.i in self.actor_at
            or any(c.dep_ == "appos" for c in tok.children)
            or lemma in self.rules.stand_in_heads
            or lemma in self.rules.group_heads
            or lemma in self.rules.relational_nouns
        )

    def _visit(
        self,
        trigger: Token,
        rule: FrameRule,
        sources: list[str],
        status: ClaimStatus | None,
        *,
        is_noun: bool,
        anchor: Token | None = None,
    ) -> None:
        sources = [s for s in sources if self.kind_of(s) not in PLACE_KINDS]
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
        targets = [t for t in dict.fromkeys(targets) if self.kind_of(t) in PLACE_KINDS]
        pairs = [(s, t) for s in sources for t in targets if self.home_of(s) != t]
        self._emit(rule, trigger, pairs, status=status)  # coming home is no visit

    def _sign_verb(self, verb: Token, rule: FrameRule, status: ClaimStatus | None) -> None:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        objs += [  # "came to an understanding"
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in rule.object_preps
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if verb.dep_ == "relcl" and not objs:
            objs = [verb.head]  # "the cease-fire agreement that A, B and C had reached"
        lemma = verb.lemma_.lower()
        agreement_nouns = {n for r in self.rules.rules if r.frame == "sign" for n in r.nouns}
        objs = [self._agreement_in(o, agreement_nouns) or o for o in objs]
        if lemma != "agree":
            objs = [o for o in objs if o.lemma_.lower() in agreement_nouns | rule.objects]
            if not objs:
                return
        parties = self._subject_actors(verb)
        others = self._prep_objects(verb, rule.preps)
        for o in objs:
            others += self._prep_objects(o, ("with", "between"))
        if lemma == "agree" and not others:
            others = self._counterparties(verb)  # "agreed to provide Ibrahim with support"
        if lemma == "agree" and not others and len(parties) < 2:
            return
        self._pairs_of_parties(verb, rule, parties, others, status)

    def _agreement_in(self, obj: Token, agreement_nouns: set[str]) -> Token | None:
        """ "a number of bilateral agreements": the agreement behind a quantity."""
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.lemma_.lower() in agreement_nouns:
                        return pobj
        return None

    def _counterparties(self, verb: Token) -> list[str]:
        """The parties an agreement binds in its open clause: "agreed to provide X with ...",
        "agreed to broadcast messages to X"."""
        out: list[str] = []
        for clause in verb.children:
            if clause.dep_ != "xcomp":
                continue
            out += [a for a in self._objects(clause) if self.kind_of(a) in PARTY_KINDS]
            out += self._prep_objects(clause, ("to", "with", "for"))
        return [a for a in out if self.kind_of(a) in PARTY_KINDS]

    def _pairs_of_parties(
        self,
        trigger: Token,
        rule: FrameRule,
        parties: list[str],
        others: list[str],
        status: ClaimStatus | None,
    ) -> None:
        parties = [p for x in parties if (p := self._as_party(x))]
        others = [p for x in others if (p := self._as_party(x))]
        multilateral = rule.frame == "meet" and any(  # the cues of the multilateral mode
            c.lower_.startswith(cue)
            for c in trigger.children
            for cue, mode in self.rules.meet_modes
            if mode == "multilateral_talks"
        )
        if multilateral:  # "a quadrilateral meeting": every participant met every other
            pairs = list(combinations(list(dict.fromkeys(parties + others)), 2))
        elif parties and others:
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

    def _survivors(self, noun: Token) -> list[str]:
        """Targets who "survived" or "escaped" the attack (or its attempt)."""
        phrase = noun.head if noun.dep_ == "compound" else noun
        verb = phrase.head
        if phrase.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in ("survive", "escape"):
            return []
        return self._subject_actors(verb)

    def _attack_verb(self, verb: Token, rule: FrameRule, status: ClaimStatus | None) -> None:
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        weapons_as_object = lemma in ("launch", "fire") or (
            lemma == "shoot"  # "shot rockets", but "shot dead an officer" hit the officer
            and any(o.lemma_.lower() in self.rules.projectiles for o in objects)
        )
        extra: list[Token] = []
        dying = lemma in self.rules.death_verbs  # "died in Israeli strikes": the killed
        if self._passive(verb) or dying:
            undergo = ("nsubjpass", "nsubj") if dying else ("nsubjpass",)
            patients = [c for c in verb.children if c.dep_ in undergo]
            if verb.dep_ == "acl" and not patients:
                patients = [verb.head]
            if len(patients) == 1 and patients[0].dep_ == "pobj":  # "were among those killed"
                among = patients[0].head
                if among.lower_ == "among" and among.head.pos_ in ("AUX", "VERB"):
                    patients = [c for c in among.head.children if c.dep_ == "nsubj"] or patients
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
                            if plemma in self.rules.by_noun or plemma in EVENT_NOUNS:
                                sources += self._attackers_of_noun(pobj)
                                extra.append(pobj)
                                struck = True
            if not sources:
                named_weapon = weapons_as_object and targets
                needs = lemma in self.rules.needs_attacker or dying
                if needs and not struck and not named_weapon:
                    return  # "were killed in a helicopter crash": no attack told
                sources = [None]
        elif (event := self._event_subject(verb)) is not None:
            # "a drone attack on the base, which killed three soldiers": the attack's authors
            sources, claimed = self._event_attackers(event)
            status = status or claimed
            extra.append(event)
            targets = self._objects(verb, installations=True)
            targets += self._prep_objects(verb, rule.preps, installations=True)
        else:
            subj_toks = self._subjects(verb)
            sources = []
            for s in subj_toks:
                slemma = s.lemma_.lower()
                if s.tag_ == "NNPS" and slemma.endswith("s"):  # "Rockets struck", misread
                    slemma = slemma[:-1]
                if any(c.lower_ in ("unidentified", "unknown", "masked") for c in s.children):
                    sources.append(None)  # "unidentified UAVs struck": not named
                    continue
                if slemma in self.rules.by_noun or slemma in EVENT_NOUNS:
                    sources += self._attackers_of_noun(s) or [None]
                    extra.append(s)
                else:
                    sources += self.actors(s)
                    sources += self._co_agents(s)
            if subj_toks and not sources and any(self._unknown_agent(s) for s in subj_toks):
                sources = [None]  # "unidentified gunmen assassinated ..."
            if not subj_toks or not sources:
                return
            targets = [] if weapons_as_object else self._objects(verb, installations=True)
            targets += self._prep_objects(verb, rule.preps, installations=True)
            if weapons_as_object:
                weapons = [c for c in verb.children if c.dep_ == "dobj"]
                extra += weapons
                for w in weapons:  # "launched missiles against Israel", parsed on the missiles
                    targets += self._prep_objects(w, rule.preps, installations=True)
        if lemma in self.rules.defensive_lemmas:
            weapons = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if any(w.lemma_.lower() in self.rules.projectiles for w in weapons):
                return  # "missiles were intercepted": air defence, not an attack on a party
        if lemma in ("kill", "assassinate", "execute"):
            targets = [t for t in targets if self.kind_of(t) not in PLACE_KINDS]
        if not targets and not self._passive(verb):
            dobjs = [c for c in verb.children if c.dep_ == "dobj"]
            if dobjs or lemma in ("strike", "bomb", "shell", "raid", "hit"):
                place = self._locative_target(*dobjs, verb)
                targets = [place] if place else []
        pairs = [(s, t) for s in dict.fromkeys(sources) for t in dict.fromkeys(targets)]
        where = self._locative_target(verb, *[c for c in verb.children if c.dep_ == "dobj"])
        self._emit(
            rule, verb, pairs, mode=self._mode(rule, verb, extra), status=status, place=where
        )

    def _claimed(self, noun: Token) -> tuple[list[str], ClaimStatus | None] | None:
        """ "X claimed responsibility for the attack", "X denied involvement in the attack",
        "X was responsible for the kidnapping" (asserted)."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "in"):
            return None
        owner = noun.head.head
        if owner.lemma_.lower() == "responsible" and owner.dep_ in ("acomp", "amod"):
            return self._subject_actors(owner.head), None
        if owner.pos_ in ("VERB", "AUX") and any(  # "denied any role | in the bombing"
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.rules.claim_nouns
            for c in owner.children
        ):
            owner = next(c for c in owner.children if c.dep_ in ("dobj", "obj"))
        if owner.lemma_.lower() not in self.rules.claim_nouns:
            return None
        verb = owner.head if owner.dep_ in ("dobj", "obj", "pobj") else None
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        denied = self.rules.status_cues.get(ClaimStatus.DENIED, frozenset())
        under_denial = verb.dep_ == "ccomp" and verb.head.lower_ in denied  # "denied that X had"
        if verb.lower_ not in denied and not under_denial:
            return self._subject_actors(verb), ClaimStatus.REPORTED
        named = [  # "denied any Iranian role": the party whose role is denied
            a
            for c in owner.children
            if c.dep_ in ("amod", "poss", "compound")
            and (a := self.actor_at.get(c.i))
            and self.kind_of(a) != ActorKind.PLACE
        ]
        deniers = named or self._subject_actors(verb)
        return [self.state_voice(a) or a for a in deniers], ClaimStatus.DENIED

    def _event_attackers(self, event: Token) -> tuple[list[str | None], ClaimStatus | None]:
        """Who carried out an attack told as a noun: its claimants, those it is blamed on, or
        its own attackers ("Israel's strike"); [None] when no one is named."""
        claim = self._claimed(event) or self._blamed(event)
        if claim is not None and claim[0] and claim[1] is not ClaimStatus.DENIED:
            return list(claim[0]), claim[1]  # a denial names who did not do it
        return list(self._attackers_of_noun(event)) or [None], None

    def _event_subject(self, verb: Token) -> Token | None:
        """ "A drone strike ... killed", "the rocket attack on the airport, which killed a
        contractor": the subject of "killed" is an attack (an event), whoever carried it out."""
        for c in verb.children:
            lemma = c.lemma_.lower()
            if c.dep_ == "nsubj" and (lemma in self.rules.by_noun or lemma in EVENT_NOUNS):
                return c  # "A drone strike on a car killed ...": the strike killed
            if c.dep_ == "nsubj" and c.lower_ in RELATIVE and verb.dep_ == "relcl":
                ante, hops = verb.head, 0
                while hops < 5:  # "the attack on the airport and its environs, which ..."
                    lemma = ante.lemma_.lower()
                    if lemma in self.rules.by_noun or lemma in EVENT_NOUNS:
                        return ante
                    if ante.dep_ not in ("conj", "pobj", "prep", "appos") or ante.head is ante:
                        break
                    ante, hops = ante.head, hops + 1
        return None

    def _blamed(self, noun: Token) -> tuple[list[str], ClaimStatus | None] | None:
        """Attributions that do not assert: "X was suspected of being behind the explosion",
        "a strike attributed to Israeli warplanes", "the blast was blamed on X"."""
        accused = self._accused(noun)
        if accused:
            return accused, ClaimStatus.REPORTED
        if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in self.rules.blame_verbs:
            # "Washington blamed the attack on X": X is who did it, not the target
            found = self._prep_objects(noun, ("on", "to")) + self._prep_objects(
                noun.head, ("on", "to")
            )
            if found:
                return found, ClaimStatus.REPORTED
        if noun.dep_ == "pobj" and noun.head.lower_ == "behind":
            owner = noun.head.head
            while owner.dep_ in ("pcomp", "xcomp", "acomp", "prep") and owner.head is not owner:
                owner = owner.head
            denied = self.rules.status_cues.get(ClaimStatus.DENIED, frozenset())
            if owner.dep_ == "ccomp" and owner.head.lower_ in denied:  # "denied it was behind"
                deniers = self._subject_actors(owner.head)
                return [self.state_voice(a) or a for a in deniers], ClaimStatus.DENIED
            found = self._subject_actors(owner, frozenset(["nsubj", "nsubjpass"]))
            return (found, ClaimStatus.UNCONFIRMED) if found else None
        verbs = [c for c in noun.children if c.dep_ == "acl"]
        if noun.dep_ == "nsubjpass":
            verbs.append(noun.head)
        for verb in verbs:
            if verb.lemma_.lower() not in self.rules.blame_verbs:
                continue
            found = self._prep_objects(verb, ("to", "on"))
            if found:
                return found, ClaimStatus.UNCONFIRMED
        return None

    def _accused(self, noun: Token) -> list[str]:
        """The object of an accusation the attack noun hangs on: "accused X of being behind
        the attacks", "blamed X for the attack", "held X responsible for the attack"."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "behind"):
            return []
        verb = noun.head.head
        while verb.dep_ in ("pcomp", "prep", "oprd") and verb.head is not verb:
            verb = verb.head  # "of being behind", "responsible for"
        held_responsible = verb.lemma_.lower() == "hold" and any(
            c.dep_ == "oprd" and c.lemma_.lower() == "responsible" for c in verb.children
        )
        if verb.lemma_.lower() not in self.rules.accuse_verbs and not held_responsible:
            return []
        return self._objects(verb)

    def _noun(self, noun: Token, rule: FrameRule) -> None:
        verb = self._governing_verb(noun)
        if (
            rule.frame == "attack"
            and verb is not None
            and verb.lemma_.lower() in self.rules.reaction_verbs
        ):  # "Oman condemned the attack on ...": who condemns did not attack ("": no one named)
            attackers = self._attackers_of_noun(noun)
            self.readings[noun.idx] = TriggerReading(frozenset(attackers or [""]))
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
            if rule.object_kinds:  # "discussions at the Ministry of Foreign Affairs"
                partners = [p for p in partners if self.kind_of(p) in rule.object_kinds]
            if verb is not None and light:
                partners += self._prep_objects(verb, rule.preps)
            of_parties = self._prep_objects(noun, ("of", "among"))
            parties = list(dict.fromkeys(subj + own))
            partners = [p for p in partners if p not in parties]
            if not parties and not partners:
                parties = of_parties
            if not parties and partners and not self._between(noun, verb if light else None):
                parties = self._with_list_party(verb)  # "sought talks with A, B and C"
                if not parties:
                    return
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
            for prep in noun.children:  # "the signing of a memorandum between A and B"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        between += self._prep_objects(pobj, rule.preps)
            if verb is not None and light:
                between += self._prep_objects(verb, rule.preps)
            for c in noun.children:  # "the United States-Iraq security agreement"
                if c.dep_ == "compound":
                    nested = [g for g in c.children if g.dep_ == "compound"]
                    own += [a for g in nested for a in self._own_party(g)]
            parties = list(dict.fromkeys(subj + own))
            if len(parties) == 1 and not between and len(own) > 1:
                parties, between = own[:1], own[1:]
            prior = [h for h in self.hits if h.type is InteractionType.MET_WITH and h.source]
            if not parties and not between and noun.dep_ == "nsubjpass" and prior:
                # "Talks were held between A and B, and an agreement was reached": A and B
                parties, between = [prior[-1].source or ""], [prior[-1].target]
            elif not parties and between and not self._between(noun, verb if light else None):
                parties = self._with_list_party(verb)  # "pursued agreements with A, B and C"
                if not parties:
                    return
            if not parties and len(between) < 2:
                return
            self._pairs_of_parties(noun, rule, parties, between, status)
        elif verb is not None and len(sides := self._exchanging(noun, verb)) >= 2:
            # "Israel and Iran exchanged attacks", "the two sides traded strikes": both ways
            pairs = [(a, b) for a in sides for b in sides if a != b]
            self._emit(rule, noun, pairs, mode=self._mode(rule, noun), status=status)
        else:
            self._attack_noun(noun, rule, own, subj, verb if light else None, status)

    def _exchanging(self, noun: Token, verb: Token) -> list[str]:
        """The parties when the attack noun is the object of a verb of exchange, else []."""
        exchanged = (
            noun.dep_ in ("dobj", "obj")
            and noun.head.i == verb.i
            and verb.lemma_.lower() in self.rules.reciprocal_verbs
        )
        return list(dict.fromkeys(self._subject_actors(verb))) if exchanged else []

    @staticmethod
    def _between(noun: Token, verb: Token | None) -> bool:
        """The parties are told by "between"/"among" ("talks between A, B and C"), on the noun,
        on its "of" object ("the signing of a memorandum between A and B") or on its verb."""
        heads = [noun, *([verb] if verb is not None else [])]
        heads += [p for c in noun.children if c.lower_ == "of" for p in c.children]
        return any(
            c.dep_ == "prep" and c.lower_ in ("between", "among") for h in heads for c in h.children
        )

    def _with_list_party(self, verb: Token | None) -> list[str]:
        """The members of a "with" list are each the counterparty of the clause's subject,
        never of each other: "Iran pursued agreements with A, B and C" is Iran and A, B, C."""
        if verb is None:
            return []
        return [p for x in self._subject_actors(verb) if (p := self._as_party(x))]

    def _attack_noun(
        self,
        noun: Token,
        rule: FrameRule,
        own: list[str],
        subj: list[str],
        verb: Token | None,
        status: ClaimStatus | None,
    ) -> None:
        head = noun.head
        verb_reads = head.lemma_.lower() in self.rules.by_verb and self._objects(head)
        if noun.dep_ == "nsubj" and verb_reads:
            return  # "A drone strike on a car ... killed a commander": the verb tells whom
        survivors = self._survivors(noun)
        if survivors:  # "X survived an assassination attempt": X was the target
            self._emit(
                rule,
                noun,
                [(None, t) for t in survivors],
                mode=self._mode(rule, noun),
                status=status,
            )
            return
        claim = self._claimed(noun) or self._blamed(noun)
        if claim is not None:
            own, status = claim[0] or own, claim[1] or status
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by"):
            passive_verb = noun.head.head
            if passive_verb.lemma_.lower() in self.rules.by_verb:
                return  # "killed in a strike": the verb's rule reads it
        if rule.requires_attacker and not (own or subj):
            return
        targets = self._prep_objects(noun, rule.preps, installations=True)
        if noun.lemma_.lower() in self.rules.of_target_nouns:
            targets += self._prep_objects(noun, ("of",))
        if verb is not None:
            targets += self._prep_objects(verb, rule.preps, installations=True)
        if not targets:  # "attacks by militia groups on U.S. personnel", "on" hung on "groups"
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == "by":
                    for agent in prep.children:
                        targets += self._prep_objects(agent, rule.preps, installations=True)
        targets = [t for t in targets if t not in own]  # "blamed the attack on X"
        if rule.requires_prep and not targets:
            return  # "operations" attack only "against" someone
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
        where = self._locative_target(noun, *([verb] if verb is not None else []))
        self._emit(rule, noun, pairs, mode=self._mode(rule, noun), status=status, place=where)
