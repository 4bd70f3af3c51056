"""Features of a candidate interaction: how it was proposed and what its sentence says.

Every feature is readable (`via=parse`, `trig=struck`, `tgt_kind=Place`), so a decision can be
explained by the weights of the features it had. Categorical features have the value 1;
counts are binned into categories, so the model stays linear and readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from actornet.extract.actors.lexicon import loose_triggers
from actornet.model import Actor, ClaimStatus, InteractionType

__all__ = [
    "LOOSE_VIAS",
    "CandidateContext",
    "candidate_features",
    "merge_features",
    "record_features",
    "salience_features",
]

# Proposers whose candidates the rules alone would have dropped: the loose proposer, and the
# parse's reading of a type the token rules already read in the sentence, of another pair.
LOOSE_VIAS = frozenset(["loose", "parse_beside_token"])
_HEDGE = re.compile(
    r"\b(reportedly|allegedly|alleged|suspected|possibly|may have|might have|could have|"
    r"unconfirmed|not (?:been )?confirmed|rumou?rs?|attributed to|believed to|apparently)\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(according to|said|says|reported|reports|claimed|told|stated|announced|cited)\b", re.I
)
_NEGATION = re.compile(r"\b(not|never|no|denied|denies|deny|without)\b", re.I)
_MODAL = re.compile(
    r"\b(will|would|could|should|plans? to|planned|intends? to|expected to|aims? to|"
    r"threatened|seek(?:s|ing)? to|attempt(?:s|ed)? to)\b",
    re.I,
)
_PURPOSE = re.compile(
    r"\b(to (?:discuss|support|fund|finance|facilitate|help)|in order to)\b", re.I
)
_STANDING = re.compile(
    r"\b(has|have|had) (?:long |also |previously )?(?:worked|coordinated|cooperated|"
    r"collaborated)|\bworks? (?:directly |closely )?with\b|\bregularly\b|\bfrequently\b",
    re.I,
)
_VICTIM = re.compile(r"\b(killed|wounded|injured|dead|died|casualties)\b", re.I)
_CONDEMN = re.compile(r"\b(condemn(?:s|ed)?|denounce[sd]?|deplore[sd]?)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*▪●◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_QUOTED = re.compile(r"[\"“”]")


def _bin(n: int, edges: Iterable[int]) -> str:
    """`n` as the label of its bin: edges (2, 4, 8) give 0-1, 2-3, 4-7, 8+."""
    lo = 0
    for edge in edges:
        if n < edge:
            return f"{lo}-{edge - 1}"
        lo = edge
    return f"{lo}+"


class CandidateContext:
    """What the features of one document's candidates need to know of the document."""

    def __init__(
        self,
        actor: Callable[[str], Actor | None],
        known: Callable[[str], bool],
        state_of: Callable[[str], str | None],
        chronology: bool,
    ) -> None:
        self.actor, self.known, self.state_of = actor, known, state_of
        self.chronology = chronology
        self.event_words = frozenset(
            [*loose_triggers(), "readout", "statement", "remarks", "release", "fact", "sheet"]
        )

    def kind(self, aid: str | None) -> str:
        actor = self.actor(aid) if aid else None
        return actor.kind.value if actor else "none"


def candidate_features(
    ctx: CandidateContext,
    *,
    type_: InteractionType,
    source: str | None,
    target: str,
    via: str,
    frame: str,
    trigger_word: str,
    sentence: str,
    before_trigger: str,
    status: ClaimStatus,
    mode: str | None,
    date: str | None,
    date_is_default: bool,
    place_told: bool,
    distances: tuple[int | None, int | None],
    named_as: tuple[str | None, str | None],
    located: tuple[bool, bool],
    units: int,
    first_in_paragraph: bool,
) -> dict[str, float]:
    """The features of one proposal of an interaction in one sentence."""
    t = type_.value
    src_kind, tgt_kind = ctx.kind(source), ctx.kind(target)
    f: dict[str, float] = {
        "bias_type=" + t: 1.0,
        "via=" + via: 1.0,
        f"via={via}|{t}": 1.0,
        "trig=" + trigger_word: 1.0,
        f"trig={trigger_word}|{t}": 1.0,
        "src_kind=" + src_kind: 1.0,
        "tgt_kind=" + tgt_kind: 1.0,
        f"src_kind={src_kind}|{t}": 1.0,
        f"tgt_kind={tgt_kind}|{t}": 1.0,
        f"kinds={src_kind}>{tgt_kind}|{t}": 1.0,
        "status=" + status.value: 1.0,
        f"status={status.value}|{t}": 1.0,
        "mode=" + (mode or "none"): 1.0,
        "date=" + ("none" if not date else {4: "year", 7: "month"}.get(len(date), "day")): 1.0,
        "units=" + _bin(units, (3, 5, 8, 12)): 1.0,
        "sent_words=" + _bin(len(sentence.split()), (12, 25, 40, 60)): 1.0,
    }
    if frame:
        f["frame=" + frame] = 1.0
        f[f"frame={frame}|{t}"] = 1.0
    if source is not None:
        f["src_known"] = float(ctx.known(source))
        src_state = ctx.state_of(source)
        tgt_state = ctx.state_of(target)
        if src_state and src_state == tgt_state:
            f[f"same_state|{t}"] = 1.0
    f["tgt_known"] = float(ctx.known(target))
    for name, how in zip(("src_named_as", "tgt_named_as"), named_as, strict=True):
        f[f"{name}={how or 'elsewhere'}"] = 1.0
    for name, where, aid in zip(("src", "tgt"), located, (source, target), strict=True):
        if where:  # "in Davos, Switzerland": where it happened, rarely a party
            f[f"{name}_located|{t}"] = 1.0
        actor = ctx.actor(aid) if aid else None
        if actor and not ctx.known(aid) and set(actor.name.lower().split()) & ctx.event_words:
            f[f"{name}_name_tells_event"] = 1.0  # "Rocket Attack", "Readout": a headline
    if sentence.rstrip()[-1:] not in ".!?\"'”’)":
        f["no_final_stop"] = 1.0  # a title or heading line
    for name, dist in zip(("dsrc", "dtgt"), distances, strict=True):
        f[f"{name}=" + ("absent" if dist is None else _bin(dist, (2, 4, 8, 16)))] = 1.0
    if date_is_default:
        f["date_default"] = 1.0
    if place_told:
        f["place_told"] = 1.0
    if ctx.chronology:
        f["chronology"] = 1.0
        f["chronology|" + t] = 1.0
    if first_in_paragraph:
        f["first_in_paragraph"] = 1.0
    if _LIST_ITEM.match(sentence):
        f["list_item"] = 1.0
    for name, pattern, text in (
        ("hedge", _HEDGE, sentence),
        ("attribution", _ATTRIBUTION, sentence),
        ("negation_before", _NEGATION, before_trigger),
        ("modal_before", _MODAL, before_trigger),
        ("purpose", _PURPOSE, sentence),
        ("standing", _STANDING, sentence),
        ("condemn", _CONDEMN, sentence),
        ("quoted", _QUOTED, sentence),
    ):
        if pattern.search(text):
            f[name] = 1.0
            f[f"{name}|{t}"] = 1.0
    if type_ is InteractionType.ATTACKED and _VICTIM.search(sentence):
        f["victims_told"] = 1.0
    return f


def merge_features(into: dict[str, float], more: dict[str, float]) -> None:
    """A record told by several proposals has each feature any of them had (at its maximum)."""
    for name, value in more.items():
        if value > into.get(name, 0.0):
            into[name] = value


def record_features(
    proposals: dict[str, float], evidence: int, vias: set[str], implicit: bool
) -> dict[str, float]:
    """The record's features: its proposals' features, and how many ways and times it was
    told."""
    f = dict(proposals)
    f["evidence=" + _bin(evidence, (2, 3, 5))] = 1.0
    f["proposers=" + _bin(len(vias), (2, 3))] = 1.0
    if {"token", "parse"} <= vias:
        f["token_and_parse"] = 1.0
    if vias - LOOSE_VIAS:  # the rules' own verdict: kept by a rule, not only proposed loosely
        f["rule_kept"] = 1.0
        for name in proposals:
            if name.startswith("bias_type="):
                f["rule_kept|" + name.removeprefix("bias_type=")] = 1.0
    if implicit:
        f["implicit"] = 1.0
    return f


def salience_features(source_mentions: int, target_mentions: int) -> dict[str, float]:
    """How often the document names each end: a name told once may be a misread phrase."""
    return {
        "src_told=" + _bin(source_mentions, (1, 2, 4, 8)): 1.0,
        "tgt_told=" + _bin(target_mentions, (1, 2, 4, 8)): 1.0,
    }
