"""Quality flags: contradictions, roles, claim status, aliases, dates, evidence."""

from __future__ import annotations

from actornet.analysis.flags import Flag, flags, flags_to_dict
from actornet.model import (
    Actor,
    ActorKind,
    ClaimStatus,
    Document,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)

P, ORG = ActorKind.PERSON, ActorKind.ORGANIZATION
TEXT = (
    "Iraqi sources reported that on November 18, the Commander of the IRGC's Qods Force, "
    "Qasem Soleimani, visited Baghdad. The US killed Soleimani on January 3, 2020. "
    "Later, a drone attacked Soleimani's convoy."
)
DOC = Document("000.txt", "/r/000.txt", TEXT, Document.hash_text(TEXT), title="Spotlight")


def quote(q: str) -> Evidence:
    start = TEXT.index(q)
    return Evidence(DOC.id, start, start + len(q), q)


SOLEIMANI = Actor(
    "qasem-soleimani",
    "Qasem Soleimani",
    P,
    country="IRN",
    died="2020-01-03",
    roles=(Role("commander", "qods-force", "1998", "2020-01-03"),),
)
ACTORS = [
    SOLEIMANI,
    Actor("qods-force", "Qods Force", ORG, ("IRGC-QF",)),
    Actor("baghdad", "Baghdad", ActorKind.PLACE),
    Actor("usa", "United States", ActorKind.COUNTRY),
    Actor("ex-cmdr", "Ex Commander", P, roles=(Role("commander", "qods-force", "1990", "1997"),)),
]
VISIT = Interaction(
    InteractionType.VISITED,
    "qasem-soleimani",
    "baghdad",
    "2020-11-18",
    evidence=[quote("the Commander of the IRGC's Qods Force, Qasem Soleimani, visited Baghdad")],
)


def kinds(items: list[Flag]) -> list[str]:
    return [f.kind for f in items]


def test_soleimani_visiting_after_death_is_flagged() -> None:
    (flag,) = flags(ACTORS, [VISIT])
    assert (flag.kind, flag.severity, flag.actors) == (
        "contradiction",
        "high",
        ("qasem-soleimani",),
    )
    assert "2020-11-18" in flag.detail and "2020-01-03" in flag.detail
    assert "commander of Qods Force" in flag.detail
    assert flag.evidence[0].quote in TEXT


def test_attacked_after_death_is_not_flagged() -> None:
    attack = Interaction(
        InteractionType.ATTACKED, "usa", "qasem-soleimani", "2020-02",
        evidence=[quote("a drone attacked Soleimani's convoy")],
    )  # fmt: skip
    assert flags(ACTORS, [attack]) == []


def test_dates_that_may_precede_death_are_not_flagged() -> None:
    same_month = Interaction(InteractionType.VISITED, "qasem-soleimani", "baghdad", "2020-01")
    before = Interaction(InteractionType.VISITED, "qasem-soleimani", "baghdad", "2019-12-30")
    assert flags(ACTORS, [same_month, before]) == []


def test_role_described_after_the_role_ended() -> None:
    act = Interaction(
        InteractionType.VISITED, "ex-cmdr", "baghdad", "2005-06-01",
        evidence=[quote("the Commander of the IRGC's Qods Force")],
    )  # fmt: skip
    (flag,) = flags(ACTORS, [act])
    assert flag.kind == "role_ended" and flag.severity == "medium"
    # the same act, quoted without the role, raises nothing
    plain = Interaction(
        InteractionType.VISITED, "ex-cmdr", "baghdad", "2005-06-01",
        evidence=[quote("visited Baghdad")],
    )  # fmt: skip
    assert flags(ACTORS, [plain]) == []


def test_denied_unconfirmed_and_claimed_and_denied() -> None:
    claimed = Interaction(InteractionType.MET_WITH, "usa", "baghdad", "2021-03-02")
    denied = Interaction(
        InteractionType.MET_WITH, "baghdad", "usa", "2021-03", status=ClaimStatus.DENIED
    )
    maybe = Interaction(
        InteractionType.VISITED, "usa", "baghdad", "2021", status=ClaimStatus.UNCONFIRMED
    )
    out = flags(ACTORS, [claimed, denied, maybe])
    assert kinds(out) == ["contradiction", "denied", "unconfirmed"]
    assert [f.severity for f in out] == ["medium", "medium", "low"]
    assert set(out[0].actors) == {"usa", "baghdad"}


def test_alias_review_for_close_discovered_names() -> None:
    actors = [
        Actor("qais-al-khazali", "Qais al-Khazali", P),
        Actor("qays-al-khazali", "Qays al-Khazali", P, origin="discovered"),
        Actor("hadi-al-amiri", "Hadi al-Amiri", P, origin="discovered"),
    ]
    (flag,) = flags(actors, [])
    assert flag.kind == "alias_review" and set(flag.actors) == {
        "qais-al-khazali",
        "qays-al-khazali",
    }
    # gazetteer actors are never compared with each other
    assert flags([Actor("a", "Qais al-Khazali", P), Actor("b", "Qays al-Khazali", P)], []) == []


def test_fuzzy_merge_hook() -> None:
    actor = Actor("qaani", "Esmail Qaani", P, ("Qaani", "Ismail Ghaani"))
    (flag,) = flags([actor], [], gazetteer_names={"qaani": ["Esmail Qaani", "Qa'ani"]})
    assert flag.kind == "fuzzy_merge" and "Ismail Ghaani" in flag.detail
    assert flags([actor], [], gazetteer_names=lambda _id: None) == []


def test_date_conflict_same_pair_same_month() -> None:
    a = Interaction(InteractionType.MET_WITH, "usa", "baghdad", "2021-03-02")
    b = Interaction(InteractionType.MET_WITH, "baghdad", "usa", "2021-03-09")
    c = Interaction(InteractionType.MET_WITH, "usa", "baghdad", "2021-04-09")
    (flag,) = flags(ACTORS, [a, b, c])
    assert flag.kind == "date_conflict" and "2021-03-02, 2021-03-09" in flag.detail


def test_evidence_checked_against_documents() -> None:
    good = VISIT
    bad = Interaction(
        InteractionType.MET_WITH, "usa", "baghdad", "2019",
        evidence=[Evidence(DOC.id, 0, 5, "Qasem")],
    )  # fmt: skip
    out = flags(ACTORS, [good, bad], [DOC])
    assert kinds(out) == ["contradiction", "evidence_mismatch"]


def test_json_shape() -> None:
    data = flags_to_dict(flags(ACTORS, [VISIT]))
    assert set(data["flags"][0]) == {
        "kind", "severity", "detail", "actors", "evidence", "interactions", "settle"
    }  # fmt: skip
    assert data["flags"][0]["interactions"] == [VISIT.id]
    assert set(data["flags"][0]["evidence"][0]) == {"document", "quote", "start", "end"}
