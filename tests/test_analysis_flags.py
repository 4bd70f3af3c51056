"""Quality flags: contradictions, roles, claim status, aliases, dates, evidence."""

from __future__ import annotations

import dataclasses

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
    # the quote ties the role to the actor's name (a role alone ties it to no one)
    q = "the Commander of the IRGC's Qods Force, Ex Commander, visited Baghdad"
    act = Interaction(
        InteractionType.VISITED, "ex-cmdr", "baghdad", "2005-06-01",
        evidence=[Evidence(DOC.id, 0, len(q), q)],
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
        "kind", "severity", "detail", "reason", "actors", "evidence", "interactions", "settle"
    }  # fmt: skip
    assert data["flags"][0]["interactions"] == [VISIT.id]
    assert set(data["flags"][0]["evidence"][0]) == {"document", "quote", "start", "end"}


def scored(source: str, target: str, confidence: float | None, **kw: object) -> Interaction:
    q = f"{source} met {target}"
    return Interaction(
        InteractionType.MET_WITH, source, target, "2021-05",
        evidence=[Evidence("d.txt", 0, len(q), q)], confidence=confidence, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_low_confidence_flags_most_confident_first() -> None:
    people = [Actor(x, x.upper(), P) for x in "abcdef"]
    its = [
        scored("a", "b", 0.1),
        scored("a", "c", 0.3),
        scored("a", "d", None),  # never scored: passes every threshold
        scored("a", "e", 0.9),
        scored("a", "f", 0.05, confirmed_by=("ana",)),  # confirmed: passes too
        scored("b", "c", 0.5),  # at the threshold: passes
    ]
    found = [f for f in flags(people, its, min_confidence=0.5) if f.kind == "low_confidence"]
    assert [f.interactions for f in found] == [(its[1].id,), (its[0].id,)]
    assert {f.severity for f in found} == {"low"}
    assert found[0].detail.startswith("confidence 0.30, under the threshold 0.50: A MET_WITH C")
    assert found[0].evidence[0].quote == "a met c" and found[0].actors == ("a", "c")
    # among other flags: by severity, then kind, as always
    copy = dataclasses.replace(its[0], status=ClaimStatus.UNCONFIRMED)
    mixed = flags(people, [*its, copy], min_confidence=0.5)
    assert kinds(mixed) == ["low_confidence"] * 3 + ["unconfirmed"]


def test_confident_only_flags_the_others_only_as_low_confidence() -> None:
    people = [Actor(x, x.upper(), P) for x in "abc"]
    unconfirmed = ClaimStatus.UNCONFIRMED
    sure, unsure = (
        scored("a", "b", 0.98, status=unconfirmed),
        scored("a", "c", 0.02, status=unconfirmed),
    )

    def found(**kw: object) -> list[tuple[str, tuple[str, ...]]]:
        return sorted((f.kind, f.interactions) for f in flags(people, [sure, unsure], **kw))  # type: ignore[arg-type]

    assert found(min_confidence=0.5) == sorted(
        [
            ("low_confidence", (unsure.id,)),
            ("unconfirmed", (sure.id,)),
            ("unconfirmed", (unsure.id,)),
        ]
    )  # every rule reads every interaction
    assert found(min_confidence=0.5, confident_only=True) == sorted(
        [("low_confidence", (unsure.id,)), ("unconfirmed", (sure.id,))]
    )
    assert found(min_confidence=0.0, confident_only=True) == sorted(
        [("unconfirmed", (sure.id,)), ("unconfirmed", (unsure.id,))]
    )


def test_low_confidence_uses_the_models_threshold_by_default() -> None:
    from actornet.confidence import default_min_confidence

    people = [Actor(x, x.upper(), P) for x in "ab"]
    its = [scored("a", "b", 0.01), scored("b", "a", 0.995, status=ClaimStatus.REPORTED)]
    (flag,) = flags(people, its)
    assert flag.kind == "low_confidence" and flag.interactions == (its[0].id,)
    assert f"under the threshold {default_min_confidence():.2f}" in flag.detail


def test_low_confidence_is_settled_by_confirming() -> None:
    from actornet.review import open_flags

    people = [Actor(x, x.upper(), P) for x in "ab"]
    it = scored("a", "b", 0.01)
    (flag,) = open_flags(flags(people, [it]), [it])
    assert flag.settle == (f"actornet judge confirm {it.id}",)
    confirmed = dataclasses.replace(it, confirmed_by=("ana",))
    assert flags(people, [confirmed]) == []
    assert open_flags(flags(people, [it]), [confirmed]) == []
