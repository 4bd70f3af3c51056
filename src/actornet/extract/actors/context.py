"""Document-level state the rules consult: the last person, the last pair, pending attacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from actornet.extract.actors.gazetteer import Gazetteer
from actornet.extract.actors.mentions import Unit
from actornet.extract.text import Token
from actornet.model import Actor, ActorKind, InteractionType

__all__ = ["Context"]

_ONLINE = frozenset(["online", "video", "videoconference", "virtual", "virtually"])
_PHONE = frozenset(["phone", "telephone", "call", "called"])
_MULTI = frozenset(["multilateral", "trilateral", "summit"])


@dataclass
class Context:
    gaz: Gazetteer
    lookup: Callable[[str], Actor | None] | None = None  # the document's actors, then the gazetteer
    last_person: Unit | None = None
    pairs: list[tuple[InteractionType, str, str]] = field(default_factory=list)
    pending_attacks: list[tuple[str, str | None]] = field(default_factory=list)

    def demonym(self, word: str) -> str | None:
        return self.gaz.demonyms.get(word)

    def unit_for(self, actor_id: str) -> Unit:
        return Unit(actor_id, ActorKind.COUNTRY, 0, 0, "demonym", actor_id)

    def meeting_mode(self, toks: list[Token], a: int, b: int) -> str:
        words = {t.text for t in toks[a:b]}
        if words & _ONLINE:
            return "online"
        if words & _PHONE or {"spoke"} & words:
            return "phone"
        if words & _MULTI:
            return "multilateral_talks"
        return "in_person"

    def remember(self, type_: InteractionType, source: str | None, target: str) -> None:
        if source:
            self.pairs.append((type_, source, target))

    def last_pair(self, *, countries: bool) -> tuple[str, str] | None:
        for _t, s, t in reversed(self.pairs[-6:]):
            if not countries:
                return s, t
            cs, ct = self._country(s), self._country(t)
            if cs and ct and cs != ct and self._official(s) and self._official(t):
                return s, t  # the parties themselves: "the two countries" speak through them
        return None

    def _country(self, actor_id: str) -> str | None:
        actor = self.lookup(actor_id) if self.lookup else self.gaz.actors.get(actor_id)
        if actor and actor.kind == ActorKind.COUNTRY:
            return actor_id
        iso = actor.country if actor else None
        return self.gaz.by_iso3.get(iso) if iso else None

    def _official(self, actor_id: str) -> bool:
        """A state or someone speaking for one: "the two countries" are never two militias."""
        actor = self.lookup(actor_id) if self.lookup else self.gaz.actors.get(actor_id)
        if actor is None:
            return False
        return actor.kind == ActorKind.COUNTRY or actor.state or actor.origin == "discovered"

    def partner_of(self, actor_id: str) -> str | None:
        for t, s, o in reversed(self.pairs[-6:]):
            if t is InteractionType.MET_WITH and actor_id in (s, o):
                return o if s == actor_id else s
        return None
