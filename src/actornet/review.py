"""The review flow: which flags are still open, and the judge command that settles each.

An `alias_review` flag is settled by `judge same` (the two actors become one, so the flag
cannot arise) or `judge different`. A `contradiction` flag is settled by rejecting one of
its interactions (or the quote at fault: it then no longer arises), or by confirming one
side of a claim contradicted by a denial, or every interaction of any other contradiction.
A `low_confidence` flag is settled by `judge confirm` (a confirmed interaction passes every
confidence threshold, so the flag no longer arises) or by `judge reject`.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from actornet.analysis.flags import SEVERITIES, Flag
from actornet.judgements import JudgedNetwork
from actornet.model import ClaimStatus, Interaction

__all__ = [
    "FULL_LIST",
    "SHOWN_FLAGS",
    "FlagCount",
    "FlagSummary",
    "open_flags",
    "settle_commands",
    "summarise_flags",
]

SHOWN_FLAGS = 20  # the report lists this many, the most severe; `actornet flags` lists all
FULL_LIST = "actornet flags"

SETTLED_BY_JUDGEMENT = ("alias_review", "contradiction", "low_confidence")


def _cmd(*words: str) -> str:
    return " ".join(["actornet", "judge", *(shlex.quote(w) for w in words)])


def settle_commands(flag: Flag, interactions: dict[str, Interaction]) -> tuple[str, ...]:
    """The judge commands that would settle `flag` (none for other kinds of flag)."""
    if flag.kind == "alias_review" and len(flag.actors) == 2:
        discovered, other = flag.actors
        return (_cmd("same", other, discovered), _cmd("different", discovered, other))
    if flag.kind == "low_confidence":
        return tuple(_cmd("confirm", iid) for iid in flag.interactions)
    if flag.kind != "contradiction":
        return ()
    out = []
    for iid in flag.interactions:
        it = interactions.get(iid)
        command = _cmd("reject", iid)
        if it and len(flag.evidence) == 1 and len(it.evidence) > 1:
            ordered = sorted(it.evidence, key=lambda e: (e.document, e.start, e.end))
            ref = flag.evidence[0]
            n = next(
                (
                    i
                    for i, e in enumerate(ordered, 1)
                    if (e.document, e.start) == (ref.document, ref.start)
                ),
                None,
            )
            if n is not None:
                command += f" --evidence {n}"
        out += [command, _cmd("confirm", iid)]
    return tuple(out)


def _settled(flag: Flag, interactions: dict[str, Interaction], net: JudgedNetwork | None) -> bool:
    if flag.kind == "alias_review" and net is not None and len(flag.actors) == 2:
        return net.different(*flag.actors)
    if flag.kind == "low_confidence":  # flags() skips confirmed ones; given one, it is settled
        return any(interactions[i].confirmed_by for i in flag.interactions if i in interactions)
    if flag.kind == "contradiction":
        its = [interactions[i] for i in flag.interactions if i in interactions]
        confirmed = [bool(it.confirmed_by) for it in its]
        if len({it.status == ClaimStatus.DENIED for it in its}) == 2:
            return any(confirmed)  # a claim against its denial: confirming one side settles
        return bool(confirmed) and all(confirmed)
    return False


def open_flags(
    flags: Iterable[Flag],
    interactions: Sequence[Interaction],
    network: JudgedNetwork | None = None,
) -> list[Flag]:
    """The flags no judgement settles, each with the commands that would settle it."""
    by_id = {i.id: i for i in interactions}
    return [
        dataclasses.replace(f, settle=settle_commands(f, by_id))
        for f in flags
        if not _settled(f, by_id, network)
    ]


@dataclass(frozen=True)
class FlagCount:
    kind: str
    severity: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "count": self.count}


@dataclass(frozen=True)
class FlagSummary:
    """The open flags as the report shows them: counts by kind and severity (the most
    severe first), the first `SHOWN_FLAGS` flags with their settle commands, and the
    command that lists them all."""

    total: int
    by_kind: tuple[FlagCount, ...]
    shown: tuple[Flag, ...]
    full_list: str = FULL_LIST

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_kind": [c.to_dict() for c in self.by_kind],
            "shown": [f.to_dict() for f in self.shown],
            "full_list": self.full_list,
        }


def summarise_flags(
    flags: Iterable[Flag],
    interactions: Sequence[Interaction],
    network: JudgedNetwork | None = None,
    *,
    shown: int = SHOWN_FLAGS,
) -> FlagSummary:
    """`open_flags` counted by kind and cut to the `shown` most severe (`flags` come most
    severe first, as `actornet.analysis.flags.flags` gives them); only the flags shown get
    their settle commands."""
    by_id = {i.id: i for i in interactions}
    still = [f for f in flags if not _settled(f, by_id, network)]
    counts = Counter((f.kind, f.severity) for f in still)
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    by_kind = sorted(counts.items(), key=lambda kv: (rank.get(kv[0][1], len(rank)), -kv[1], kv[0]))
    return FlagSummary(
        total=len(still),
        by_kind=tuple(FlagCount(kind, severity, n) for (kind, severity), n in by_kind),
        shown=tuple(
            dataclasses.replace(f, settle=settle_commands(f, by_id)) for f in still[:shown]
        ),
    )
