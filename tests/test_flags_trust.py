"""Flags an analyst can trust: a role flag only where the quote ties the role to the actor,
alias review only between names that could be one actor, and a reason on every flag."""

from __future__ import annotations

from actornet.analysis.flags import flags, flags_to_dict
from actornet.model import (
    Actor,
    ActorKind,
    ClaimStatus,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)

P, ORG, COUNTRY = ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY
IRAQ = Actor("iraq", "Iraq", COUNTRY, country="IRQ")
IRAN = Actor("iran", "Iran", COUNTRY, country="IRN")
SYRIA = Actor("syria", "Syria", COUNTRY, country="SYR")
QODS = Actor("qods", "Qods Force", ORG)
TEHRAN = Actor("tehran", "Tehran", ActorKind.PLACE)
MAHDI = Actor(
    "mahdi", "Adel Abdul Mahdi", P, ("Abdul Mahdi",),
    roles=(Role("Prime Minister", "iraq", "2018-10-25", "2020-05-07"),),
)  # fmt: skip
SHAMKHANI = Actor(
    "shamkhani", "Ali Shamkhani", P, ("Shamkhani",),
    roles=(Role("Minister of Defense", "iran", "1997-08-20", "2005-08-24"),),
)  # fmt: skip
SOLEIMANI = Actor(
    "soleimani", "Qasem Soleimani", P,
    roles=(Role("Commander", "qods", "1998", "2020-01-03"),), died="2020-01-03",
)  # fmt: skip
QAANI = Actor("qaani", "Esmail Qa'ani", P, roles=(Role("Commander", "qods", "2020-01-03"),))
PLACES = {"iranian": "iran", "iran": "iran", "iraqi": "iraq", "iraq": "iraq"}
PLACES |= {"syrian": "syria", "syria": "syria"}
BASE = [IRAQ, IRAN, SYRIA, QODS, TEHRAN, MAHDI, SHAMKHANI, SOLEIMANI, QAANI]


def met(source: str, quote: str, date: str = "2020-11-10", target: str = "tehran") -> Interaction:
    return Interaction(
        InteractionType.MET_WITH, source, target, date,
        evidence=[Evidence("r.txt", 0, len(quote), quote)],
    )  # fmt: skip


def role_flags(*its: Interaction) -> list:
    return [f for f in flags(BASE, list(its), place_words=PLACES) if f.kind == "role_ended"]


def test_former_ex_and_then_end_the_role() -> None:
    for quote in (
        "Kataib Hezbollah met with the former Iraqi Prime Minister, Adel Abdul Mahdi.",
        "Kataib Hezbollah met with the ex-Prime Minister of Iraq, Adel Abdul Mahdi.",
        "Kataib Hezbollah met with the then Iraqi Prime Minister, Adel Abdul Mahdi.",
        "Kataib Hezbollah met with Adel Abdul Mahdi, the former Iraqi Prime Minister.",
    ):
        assert role_flags(met("mahdi", quote)) == [], quote


def test_role_tied_to_the_name_after_it_ended_is_flagged_with_a_reason() -> None:
    for quote in (
        "The Iraqi Prime Minister, Adel Abdul Mahdi, met with Iranian officials in Tehran.",
        "Prime Minister of Iraq Adel Abdul Mahdi met with Iranian officials in Tehran.",
        "Adel Abdul Mahdi, the Iraqi Prime Minister, met with Iranian officials in Tehran.",
    ):
        (flag,) = role_flags(met("mahdi", quote))
        assert "Prime Minister of Iraq" in flag.detail
        assert "Prime Minister" in flag.reason and "Adel Abdul Mahdi" in flag.reason, flag.reason


def test_a_role_held_by_another_person_in_the_quote_is_not_this_actors() -> None:
    quote = (
        "The Secretary of the Supreme National Security Council, Ali Shamkhani, stated in his "
        "meeting with the Iranian minister of defense, Amir Hatami, and the Iraqi minister of "
        "defense, Juma Anad Saadoun, that Iran will act decisively."
    )
    assert role_flags(met("shamkhani", quote)) == []
    # "Iranian minister of defense" right before another name is that person's role
    other = "Ali Shamkhani met the Iranian Minister of Defense Amir Hatami in Tehran."
    assert role_flags(met("shamkhani", other)) == []


def test_a_role_and_the_name_apart_in_the_quote_are_not_tied() -> None:
    quote = (
        "The Iranian Minister of Defense received a delegation; later, Ali Shamkhani met the "
        "Iraqi guests."
    )
    assert role_flags(met("shamkhani", quote)) == []
    # a title word inside another word ("headed") is no title
    head = Actor("k", "Mustafa al-Kadhimi", P, roles=(Role("Head", "qods", "2016", "2020-05-07"),))
    quote = "The Qods Force delegation headed by Mustafa al-Kadhimi met in Tehran."
    assert [f for f in flags([*BASE, head], [met("k", quote)], place_words=PLACES)] == []


def test_soleimani_contradiction_kept_and_the_late_commander_is_no_contradiction() -> None:
    quote = (
        "Iraqi sources reported that the Commander of the IRGC’s Qods Force, Qasem Soleimani, "
        "visited Baghdad and met the Iraqi Prime Minister."
    )
    (flag,) = [
        f
        for f in flags(BASE, [met("qaani", quote, "2020-11-18")], place_words=PLACES)
        if f.kind == "contradiction"
    ]
    assert flag.severity == "high" and "Qasem Soleimani" in flag.reason
    late = "Qa'ani vowed revenge for the late Commander of the Qods Force, Qasem Soleimani."
    assert flags(BASE, [met("qaani", late, "2020-11-18")], place_words=PLACES) == []


def alias_pairs(*actors: Actor) -> set[frozenset[str]]:
    return {
        frozenset(f.actors)
        for f in flags(list(actors), [], place_words=PLACES)
        if f.kind == "alias_review"
    }


def group(id_: str, name: str, *aliases: str, **kw: object) -> Actor:
    return Actor(id_, name, ORG, aliases, origin="discovered", **kw)  # type: ignore[arg-type]


def test_no_alias_review_across_countries_demonyms_or_numbers() -> None:
    assert not alias_pairs(
        group("a", "Senior Iranian officials"), group("b", "senior Iraqi officials")
    )
    assert not alias_pairs(
        group("a", "Joint Iranian-Iraqi Chamber of Commerce"),
        group("b", "Joint Iranian-Syrian Chamber of Commerce"),
    )
    assert not alias_pairs(
        group("a", "Commander of Iran", "Iranian commander", country="IRN"),
        group("b", "Commander of Iraq", "Iraqi commander", country="IRQ"),
    )
    assert not alias_pairs(group("a", "Iraqi Hezbollah"), group("b", "Syrian Hezbollah"))
    assert not alias_pairs(group("a", "Brigade 313"), group("b", "Brigade 314"))
    assert not alias_pairs(group("a", "Brigade Forty"), group("b", "Brigade Fifty"))
    assert not alias_pairs(group("a", "the 5th Division"), group("b", "the 6th Division"))


def test_alias_review_kept_for_spelling_variants_with_a_reason() -> None:
    a = group("a", "pro-Iranian Shia militias")
    b = group("b", "pro-Iranian Shi’ite militias")
    (flag,) = [f for f in flags([a, b], [], place_words=PLACES) if f.kind == "alias_review"]
    assert "shia" in flag.reason and "shiite" in flag.reason
    # a country and its demonym name the same place
    assert alias_pairs(
        group("c", "Iran’s Qods Force commanders"), group("d", "Iranian Qods Force commanders")
    )


def test_every_flag_has_a_reason_in_json() -> None:
    denied = Interaction(
        InteractionType.MET_WITH, "iran", "iraq", "2021-03", status=ClaimStatus.DENIED,
        evidence=[Evidence("r.txt", 0, 10, "Iran denied")],
    )  # fmt: skip
    maybe = Interaction(
        InteractionType.VISITED, "iran", "tehran", "2021", status=ClaimStatus.UNCONFIRMED
    )
    found = flags_to_dict(flags(BASE, [denied, maybe], place_words=PLACES))["flags"]
    assert found and all(f["reason"] for f in found)


def test_the_reason_is_shown_in_text_tables() -> None:
    from actornet.report.listings import flag_tables

    quote = "The Iraqi Prime Minister, Adel Abdul Mahdi, met with Iranian officials in Tehran."
    found = flags(BASE, [met("mahdi", quote)], place_words=PLACES)
    (table,) = flag_tables(flags_to_dict(found))
    assert "why: the quote ties the ended role to the name" in table.rows[0][2]
