"""A quote that names a dead person in a role, for an act credited to the living role-holder."""

from __future__ import annotations

from actornet.analysis.flags import flags
from actornet.model import Actor, ActorKind, Evidence, Interaction, InteractionType, Role

QODS = Actor("qods", "Qods Force", ActorKind.ORGANIZATION)
DEAD = Actor(
    "soleimani",
    "Qasem Soleimani",
    ActorKind.PERSON,
    roles=(Role("Commander", "qods", "1998", "2020-01-03"),),
    died="2020-01-03",
)
LIVING = Actor(
    "qaani", "Esmail Qa'ani", ActorKind.PERSON, roles=(Role("Commander", "qods", "2020-01-03"),)
)
BAGHDAD = Actor("baghdad", "Baghdad", ActorKind.PLACE)


def visit(quote: str, date: str) -> Interaction:
    return Interaction(
        InteractionType.VISITED,
        "qaani",
        "baghdad",
        date,
        evidence=[Evidence("r.txt", 0, len(quote), quote)],
    )


def test_dead_commander_named_in_a_later_visit_is_flagged() -> None:
    quote = "the Commander of the Qods Force, Qasem Soleimani, visited Baghdad"
    found = [
        f
        for f in flags([QODS, DEAD, LIVING, BAGHDAD], [visit(quote, "2020-11-18")])
        if f.kind == "contradiction"
    ]
    assert len(found) == 1
    assert found[0].severity == "high" and set(found[0].actors) == {"soleimani", "qaani"}


def test_mentioning_the_dead_without_the_role_or_before_death_is_not_flagged() -> None:
    avenged = visit("Qa'ani vowed to avenge Qasem Soleimani in Baghdad", "2020-11-18")
    earlier = visit("the Commander of the Qods Force, Qasem Soleimani, visited Baghdad", "2019-05")
    found = [
        f
        for f in flags([QODS, DEAD, LIVING, BAGHDAD], [avenged, earlier])
        if f.kind == "contradiction"
    ]
    assert found == []


def test_one_flag_per_quote_however_many_acts_it_supports() -> None:
    quote = "the Commander of the Qods Force, Qasem Soleimani, visited Baghdad and met Assad"
    met = Interaction(
        InteractionType.MET_WITH,
        "qaani",
        "assad",
        "2020-11-18",
        evidence=[Evidence("r.txt", 0, len(quote), quote)],
    )
    assad = Actor("assad", "Bashar al-Assad", ActorKind.PERSON)
    actors = [QODS, DEAD, LIVING, BAGHDAD, assad]
    found = [
        f for f in flags(actors, [visit(quote, "2020-11-18"), met]) if f.kind == "contradiction"
    ]
    assert len(found) == 1
    assert "VISITED" in found[0].detail and "MET_WITH" in found[0].detail
