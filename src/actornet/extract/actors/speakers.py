"""First person in statements: "I" is whoever the item's title says is speaking.

A White House or ministry page joins items such as "Statement from President X on ...",
"Remarks by Y at ..."; in their text "I've just spoken with Prime Minister Z" is X's call.
Only such titles name a speaker, and only "I" outside quotation marks is theirs: in a quote
the one quoted speaks ("'I met him,' said W").
"""

from __future__ import annotations

import re

from actornet.extract.actors.mentions import Unit
from actornet.extract.text import Token
from actornet.model import ActorKind

__all__ = ["SPEAKER_TITLE", "first_person_units", "speaker_of"]

# "Statement from President X on ...", "Statement by X", "Remarks by X", "Message of X"
SPEAKER_TITLE = re.compile(r"^\s*(?:Statement|Remarks|Message|Op-Ed)s?\s+(?:from|by|of)\s+\S")
_FIRST_PERSON = ("I", "I’", "I'")  # "I", "I’ve", "I'm"
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"


def speaker_of(title: str, units: list[Unit]) -> str | None:
    """The person a title names as speaking: the first person unit of a speaker title."""
    if not SPEAKER_TITLE.match(title):
        return None
    return next((u.actor_id for u in units if u.kind == ActorKind.PERSON), None)


def first_person_units(
    toks: list[Token], a: int, b: int, text: str, start: int, speaker: str
) -> list[Unit]:
    """A unit for the speaker at each "I" of tokens a..b outside quotation marks; `start` is
    the offset where the sentence begins."""
    out = []
    for k in range(a, b):
        raw = toks[k].raw
        if raw != "I" and not raw.startswith(_FIRST_PERSON[1:]):
            continue
        before = text[start : toks[k].start]
        opened = sum(before.count(q) for q in _OPEN_QUOTES)
        closed = sum(before.count(q) for q in _CLOSE_QUOTES)
        if opened > closed or before.count('"') % 2:
            continue  # inside a quotation: the one quoted speaks
        out.append(Unit(speaker, ActorKind.PERSON, k, k + 1, "speaker", raw))
    return out
