"""apply_judgements and check_new: the pure rules of analyst judgements."""

from __future__ import annotations

import copy

import pytest

from actornet.judgements import (
    EvidenceKey,
    Judgement,
    JudgementConflict,
    Verdict,
    apply_judgements,
    check_new,
    new_judgement,
)
from actornet.model import ActorKind, Affiliation, AffiliationKind, interaction_id
from factories import BAGHDAD, KADHIMI, QAANI, QODS, evidence, meeting, person, visit

QAANI_2 = person("qaani-discovered", "Qaani Esmail", "Hajj Qaani", origin="discovered")
ACTORS = [QAANI, QAANI_2, KADHIMI, BAGHDAD, QODS]
M1 = meeting("a.txt", QAANI.id, KADHIMI.id, "2021-11-07", "Qaani met Kadhimi.")
M2 = meeting("b.txt", QAANI_2.id, KADHIMI.id, "2021-11-07", "Hajj Qaani met Kadhimi.")
V1 = visit("a.txt", QAANI_2.id, BAGHDAD.id, "2021-11")
LOOP = meeting("c.txt", QAANI.id, QAANI_2.id, "2021-10", "Qaani met Qaani Esmail.")
ITS = [M1, M2, V1, LOOP]
AFFS = [Affiliation(AffiliationKind.HOLDS_ROLE, QAANI_2.id, QODS.id, "commander")]

_clock = iter(range(10_000))


def j(verdict: Verdict, subject: str, **kw: object) -> Judgement:
    """A judgement at a strictly later time than the previous one."""
    return new_judgement(
        verdict, subject, by="alice", at=f"2026-01-01T00:00:{next(_clock):05d}", **kw
    )  # type: ignore[arg-type]


def test_no_judgements_changes_nothing() -> None:
    net = apply_judgements(ACTORS, ITS, AFFS, [])
    assert [a.id for a in net.actors] == sorted(a.id for a in ACTORS)
    assert {i.id for i in net.interactions} == {i.id for i in ITS}
    assert net.orphaned == [] and net.conflicts == []


def test_same_merges_actors_and_keeps_the_first_id() -> None:
    same = j(Verdict.SAME, QAANI.id, other=QAANI_2.id)
    net = apply_judgements(ACTORS, ITS, AFFS, [same])
    ids = {a.id for a in net.actors}
    assert len(ids) == len(ACTORS) - 1
    assert QAANI.id in ids and QAANI_2.id not in ids
    (kept,) = [a for a in net.actors if a.id == QAANI.id]
    assert kept.name == QAANI.name
    assert {"Qaani Esmail", "Hajj Qaani", "Qaani"} <= set(kept.aliases)
    assert kept.origin == "gazetteer"
    assert net.canonical_id(QAANI_2.id) == QAANI.id


def test_merge_unites_duplicate_interactions_and_drops_self_loops() -> None:
    net = apply_judgements(ACTORS, ITS, AFFS, [j(Verdict.SAME, QAANI.id, other=QAANI_2.id)])
    meetings = [i for i in net.interactions if i.type == M1.type]
    assert len(meetings) == 1  # M1 and M2 are one meeting now; LOOP is gone
    assert {e.quote for e in meetings[0].evidence} == {
        "Qaani met Kadhimi.",
        "Hajj Qaani met Kadhimi.",
    }
    (moved,) = [i for i in net.interactions if i.type == V1.type]
    assert moved.source == QAANI.id
    assert moved.id == interaction_id(V1.type, QAANI.id, BAGHDAD.id, V1.date)
    assert net.interaction_id(V1.id) == moved.id
    assert net.affiliations[0].source == QAANI.id


def test_same_is_transitive() -> None:
    third = person("qaani-3", "E. Qaani", origin="discovered")
    judgements = [
        j(Verdict.SAME, QAANI_2.id, other=third.id),
        j(Verdict.SAME, QAANI.id, other=QAANI_2.id),
    ]
    net = apply_judgements([*ACTORS, third], ITS, AFFS, judgements)
    assert net.canonical_id(third.id) == QAANI.id
    assert len(net.actors) == len(ACTORS) - 1


def test_apply_does_not_touch_its_input() -> None:
    before = copy.deepcopy((ACTORS, ITS))
    judgements = [j(Verdict.SAME, QAANI.id, other=QAANI_2.id), j(Verdict.CONFIRM, M1.id)]
    judgements.append(j(Verdict.REJECT, M2.id, evidence=EvidenceKey.of(M2.evidence[0])))
    apply_judgements(ACTORS, ITS, AFFS, judgements)
    assert before == (ACTORS, ITS)


def test_reject_interaction_and_reject_one_piece_of_evidence() -> None:
    two = meeting("a.txt", QAANI.id, KADHIMI.id, "2021-11-07", "Qaani met Kadhimi.")
    two.evidence.append(evidence("b.txt", "They met.", 40))
    key = EvidenceKey.of(two.evidence[1])
    net = apply_judgements(
        ACTORS,
        [two, V1],
        [],
        [j(Verdict.REJECT, V1.id), j(Verdict.REJECT, two.id, evidence=key)],
    )
    assert [i.id for i in net.interactions] == [two.id]
    assert [e.quote for e in net.interactions[0].evidence] == ["Qaani met Kadhimi."]


def test_rejecting_the_last_evidence_removes_the_interaction() -> None:
    key = EvidenceKey.of(V1.evidence[0])
    net = apply_judgements(ACTORS, [V1], [], [j(Verdict.REJECT, V1.id, evidence=key)])
    assert net.interactions == []


def test_reject_of_a_merged_id_and_confirm() -> None:
    same = j(Verdict.SAME, QAANI.id, other=QAANI_2.id)
    moved = interaction_id(V1.type, QAANI.id, BAGHDAD.id, V1.date)
    net = apply_judgements(ACTORS, ITS, [], [same, j(Verdict.REJECT, moved)])
    assert moved not in {i.id for i in net.interactions}
    net = apply_judgements(ACTORS, ITS, [], [same, j(Verdict.CONFIRM, M2.id)])
    (met,) = [i for i in net.interactions if i.type == M1.type]
    assert met.confirmed_by == ("alice",)
    assert net.confirmed() == {met.id: ("alice",)}


def test_set_corrects_attributes_of_the_kept_actor() -> None:
    judgements = [
        j(Verdict.SAME, QAANI.id, other=QAANI_2.id),
        j(Verdict.SET, QAANI_2.id, attribute="proxy", value="true"),
        j(Verdict.SET, QAANI.id, attribute="kind", value="Organization"),
        j(Verdict.SET, QAANI.id, attribute="country", value="IRQ"),
        j(Verdict.SET, QAANI.id, attribute="name", value="Esmail Qaani"),
    ]
    (a,) = [a for a in apply_judgements(ACTORS, ITS, [], judgements).actors if a.id == QAANI.id]
    assert (a.proxy, a.kind, a.country, a.name) == (
        True,
        ActorKind.ORGANIZATION,
        "IRQ",
        "Esmail Qaani",
    )
    assert "Esmail Qa’ani" in a.aliases and "Esmail Qaani" not in a.aliases


def test_later_set_wins() -> None:
    judgements = [
        j(Verdict.SET, KADHIMI.id, attribute="proxy", value="true"),
        j(Verdict.SET, KADHIMI.id, attribute="proxy", value="false"),
    ]
    (a,) = [a for a in apply_judgements(ACTORS, [], [], judgements).actors if a.id == KADHIMI.id]
    assert a.proxy is False


def test_judgements_on_missing_ids_are_orphaned_not_dropped() -> None:
    judgements = [
        j(Verdict.SAME, QAANI.id, other="gone"),
        j(Verdict.REJECT, "met_with-000000000000"),
        j(Verdict.CONFIRM, M1.id),
        j(Verdict.REJECT, V1.id, evidence=EvidenceKey("x.txt", 0, 3, "not there")),
    ]
    net = apply_judgements(ACTORS, ITS, [], judgements)
    assert [o.id for o in net.orphaned] == [judgements[0].id, judgements[1].id, judgements[3].id]
    assert net.judgements == judgements
    assert net.counts()["orphaned"] == 3 and net.counts()["total"] == 4


def test_different_blocks_a_later_same_and_names_it() -> None:
    diff = j(Verdict.DIFFERENT, QAANI.id, other=QAANI_2.id)
    same = j(Verdict.SAME, QAANI_2.id, other=QAANI.id)
    with pytest.raises(JudgementConflict, match=diff.id):
        check_new([diff], same)
    net = apply_judgements(ACTORS, ITS, [], [diff, same])  # e.g. both imported
    assert len(net.actors) == len(ACTORS)
    assert [c[0].id for c in net.conflicts] == [same.id]
    assert net.different(QAANI.id, QAANI_2.id)


def test_different_after_transitive_same_names_the_chain() -> None:
    third = "qaani-3"
    s1 = j(Verdict.SAME, QAANI.id, other=QAANI_2.id)
    s2 = j(Verdict.SAME, QAANI_2.id, other=third)
    with pytest.raises(JudgementConflict) as info:
        check_new([s1, s2], j(Verdict.DIFFERENT, QAANI.id, other=third))
    assert s1.id in str(info.value) and s2.id in str(info.value)


def test_same_across_a_different_through_merged_actors_is_refused() -> None:
    third = "qaani-3"
    diff = j(Verdict.DIFFERENT, QAANI.id, other=third)
    same = j(Verdict.SAME, QAANI_2.id, other=third)
    with pytest.raises(JudgementConflict, match=diff.id):
        check_new([diff, same], j(Verdict.SAME, QAANI.id, other=QAANI_2.id))


def test_confirm_and_reject_of_one_interaction_conflict() -> None:
    rejected = j(Verdict.REJECT, M1.id)
    with pytest.raises(JudgementConflict, match=rejected.id):
        check_new([rejected], j(Verdict.CONFIRM, M1.id))
    confirmed = j(Verdict.CONFIRM, M1.id)
    key = EvidenceKey.of(M1.evidence[0])
    check_new([confirmed], j(Verdict.REJECT, M1.id, evidence=key))  # one quote: allowed


def test_round_trip_and_validation() -> None:
    key = EvidenceKey("a.txt", 1, 5, "quote")
    original = j(Verdict.REJECT, M1.id, evidence=key, note="wrong date")
    assert Judgement.from_dict(original.to_dict()) == original
    with pytest.raises(ValueError):
        Judgement.from_dict({**original.to_dict(), "verdict": "maybe"})
    with pytest.raises(ValueError):
        new_judgement(Verdict.SET, QAANI.id, attribute="died", value="2020")
    with pytest.raises(ValueError):
        new_judgement(Verdict.SAME, QAANI.id, other=QAANI.id)


def test_ids_differ_between_analysts() -> None:
    at = "2026-01-01T00:00:00+00:00"
    a = new_judgement(Verdict.CONFIRM, M1.id, by="alice", at=at)
    b = new_judgement(Verdict.CONFIRM, M1.id, by="bob", at=at)
    assert a.id != b.id and a.id.startswith("j-")


def test_judgements_made_in_quick_succession_keep_their_order() -> None:
    made = [
        new_judgement(Verdict.SET, KADHIMI.id, attribute="proxy", value=v, by="alice")
        for v in ("true", "false", "true", "false")
    ]
    assert [x.at for x in made] == sorted(x.at for x in made)
    (a,) = [a for a in apply_judgements(ACTORS, [], [], made).actors if a.id == KADHIMI.id]
    assert a.proxy is False
