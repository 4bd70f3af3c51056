"""The parse-rule lexicon (data in frame_rules.yaml): trigger lemmas, frames, cues."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from actornet.model import ActorKind, ClaimStatus, InteractionType

__all__ = ["FrameRule", "FrameRules", "load_frame_rules"]

FRAMES = frozenset(["meet", "visit", "sign", "attack"])


@dataclass(frozen=True)
class FrameRule:
    type: InteractionType
    frame: str
    lemmas: frozenset[str]
    nouns: frozenset[str]
    preps: frozenset[str]
    mode: str | None = None
    object_kinds: frozenset[ActorKind] = frozenset()
    requires_prep: bool = False
    requires_attacker: bool = False  # "an explosion" is an attack only when someone is blamed
    object_travels: bool = False
    requires_purpose: frozenset[str] = frozenset()  # "worked with X to discuss": talk's aim
    objects: frozenset[str] = frozenset()  # "reached an understanding": what the verb concludes
    object_preps: frozenset[str] = frozenset()  # "came to an understanding"
    examples: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class FrameRules:
    rules: list[FrameRule]
    light_verbs: frozenset[str]
    stand_in_heads: frozenset[str]
    installation_heads: frozenset[str]
    status_cues: dict[ClaimStatus, frozenset[str]]
    attack_modes: list[tuple[str, str]]
    meet_modes: list[tuple[str, str]]
    of_target_nouns: frozenset[str] = frozenset()
    casualty_nouns: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    needs_attacker: frozenset[str] = frozenset()
    defensive_lemmas: frozenset[str] = frozenset()
    projectiles: frozenset[str] = frozenset()
    hypothetical_heads: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    side_nouns: frozenset[str] = frozenset()
    blame_verbs: frozenset[str] = frozenset()
    accuse_verbs: frozenset[str] = frozenset()
    accuse_forms: frozenset[str] = frozenset()  # word forms of accuse_verbs ("blamed")
    attack_noun_forms: frozenset[str] = frozenset()  # word forms of the attack nouns
    reaction_forms: frozenset[str] = frozenset()  # word forms of reaction_verbs ("condemns")
    prospect_nouns: frozenset[str] = frozenset()
    backing_verbs: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    owner_participles: frozenset[str] = frozenset()  # "sites used by X": X owns them
    co_agent_preps: frozenset[str] = frozenset()  # "alongside the UK": a partner in the act
    co_agent_adverbs: frozenset[str] = frozenset()  # "together with the UK"
    response_nouns: frozenset[str] = frozenset()  # "in retaliation for X's strikes": told
    reciprocal_verbs: frozenset[str] = frozenset()  # "A and B exchanged attacks": both ways
    host_participles: frozenset[str] = frozenset()  # "bases housing U.S. forces": the owner
    joint_force_heads: frozenset[str] = frozenset()  # "U.S. and Israeli forces": both states
    reaction_verbs: frozenset[str] = frozenset()
    voice_words: frozenset[str] = frozenset()  # state bodies that speak for their state
    death_verbs: frozenset[str] = frozenset()  # "died in strikes": read as "were killed in"
    designation_verbs: frozenset[str] = frozenset()  # "Treasury targeted X": a designation
    designation_subjects: tuple[str, ...] = ()
    insinuation_phrase: tuple[str, ...] = ()  # "the so-called strike": at most unconfirmed
    insinuation_sentence: tuple[str, ...] = ()  # "... was a false flag"
    forms: frozenset[str] = frozenset()  # lower-case word forms of every trigger (cheap pass)
    # forms that select a sentence only beside one of these words ("worked" with "with")
    conditional_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    _lemma_keys: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    def lemma_keys(self, strings: Any) -> Any:
        """Hashes, in a spaCy string store, of every trigger lemma as spaCy may spell it
        (lower case, capitalised, upper case): an array for `numpy.isin`."""
        found = self._lemma_keys.get(id(strings))
        if found is None:
            import numpy

            lemmas = set(self.by_verb) | set(self.by_noun)
            spellings = {v for x in lemmas for v in (x, x.capitalize(), x.upper(), x.title())}
            found = numpy.array(sorted(strings.add(v) for v in spellings), dtype="uint64")
            self._lemma_keys[id(strings)] = found
        return found

    by_verb: dict[str, list[FrameRule]] = field(default_factory=dict)
    by_noun: dict[str, list[FrameRule]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            for lemma in rule.lemmas:
                self.by_verb.setdefault(lemma, []).append(rule)
            for noun in rule.nouns:
                self.by_noun.setdefault(noun, []).append(rule)


def _inflect(lemma: str) -> set[str]:
    """Regular English forms of a verb or noun lemma (the cheap pass only needs a superset)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwyx" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def _check_words(node: object, where: str = "frame_rules.yaml") -> None:
    """Every word list holds strings: YAML reads a bare `on` or `no` as a boolean."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(value, f"{where}: {key}")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, bool | int | float) or item is None:
                raise ValueError(f"{where}: {item!r} is not a word; quote it")
            _check_words(item, where)


_WORD_LISTS = (  # optional word lists of frame_rules.yaml, each a FrameRules field
    "of_target_nouns",
    "casualty_nouns",
    "group_heads",
    "needs_attacker",
    "defensive_lemmas",
    "projectiles",
    "hypothetical_heads",
    "media_nouns",
    "claim_nouns",
    "side_nouns",
    "blame_verbs",
    "prospect_nouns",
    "backing_verbs",
    "relational_nouns",
    "owner_participles",
    "co_agent_preps",
    "co_agent_adverbs",
    "reciprocal_verbs",
    "response_nouns",
    "host_participles",
    "joint_force_heads",
    "reaction_verbs",
    "voice_words",
    "death_verbs",
    "designation_verbs",
)


@functools.cache
def load_frame_rules() -> FrameRules:
    """Read the packaged rule table once per process."""
    text = (
        resources.files("actornet.extract.proposers")
        .joinpath("frame_rules.yaml")
        .read_text("utf-8")
    )
    data = yaml.safe_load(text)
    _check_words(data)
    rules = []
    for r in data["rules"]:
        if r["frame"] not in FRAMES:
            raise ValueError(f"frame_rules.yaml: unknown frame {r['frame']!r}")
        rules.append(
            FrameRule(
                type=InteractionType(r["type"]),
                frame=r["frame"],
                lemmas=frozenset(r.get("lemmas") or ()),
                nouns=frozenset(r.get("nouns") or ()),
                preps=frozenset(r.get("preps") or ()),
                mode=r.get("mode"),
                object_kinds=frozenset(ActorKind(k) for k in r.get("object_kinds") or ()),
                requires_prep=bool(r.get("requires_prep")),
                requires_attacker=bool(r.get("requires_attacker")),
                object_travels=bool(r.get("object_travels")),
                requires_purpose=frozenset(r.get("requires_purpose") or ()),
                objects=frozenset(r.get("objects") or ()),
                object_preps=frozenset(r.get("object_preps") or ()),
                examples=tuple(
                    (e["text"], tuple(e.get("expect") or ())) for e in r.get("examples") or ()
                ),
            )
        )
    irregular: dict[str, list[str]] = data.get("irregular_forms") or {}
    forms: set[str] = set()
    conditional: dict[str, set[str]] = {}
    for rule, raw in zip(rules, data["rules"], strict=True):
        for lemma in rule.lemmas | rule.nouns:
            found = _inflect(lemma) | set(irregular.get(lemma, ()))
            if raw.get("select_with"):
                for form in found:
                    conditional.setdefault(form, set()).update(raw["select_with"])
            else:
                forms |= found
    cues = {ClaimStatus(k): frozenset(v) for k, v in data["status_cues"].items()}
    accuse_verbs = frozenset(data.get("accuse_verbs") or ())
    attack_nouns = {n for rule in rules if rule.frame == "attack" for n in rule.nouns}
    return FrameRules(
        rules=rules,
        light_verbs=frozenset(data["light_verbs"]),
        stand_in_heads=frozenset(data["stand_in_heads"]),
        installation_heads=frozenset(data["installation_heads"]),
        status_cues=cues,
        attack_modes=[tuple(m) for m in data["modes"]["attack"]],
        meet_modes=[tuple(m) for m in data["modes"]["meet"]],
        forms=frozenset(forms),
        conditional_forms={f: frozenset(w) for f, w in conditional.items() if f not in forms},
        **{name: frozenset(data.get(name) or ()) for name in _WORD_LISTS},
        accuse_verbs=accuse_verbs,
        accuse_forms=frozenset(f for v in accuse_verbs for f in _inflect(v)),
        attack_noun_forms=frozenset(f for n in attack_nouns for f in _inflect(n)),
        reaction_forms=frozenset(f for v in data.get("reaction_verbs") or () for f in _inflect(v)),
        designation_subjects=tuple(data.get("designation_subjects") or ()),
        insinuation_phrase=tuple((data.get("insinuation") or {}).get("phrase") or ()),
        insinuation_sentence=tuple((data.get("insinuation") or {}).get("sentence") or ()),
    )
