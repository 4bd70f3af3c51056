"""Behaviour every GraphStore must have; uses only the protocol (runs on SQLite and Neo4j)."""

from __future__ import annotations

import pytest

from actornet.judgements import EvidenceKey, Judgement, Verdict, new_judgement
from actornet.model import (
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Interaction,
    InteractionType,
)
from actornet.store.base import GraphStore, InteractionFilter
from actornet.store.judged import JudgedStore
from factories import (
    BAGHDAD,
    HOSTILE,
    KADHIMI,
    NUJABA,
    QAANI,
    QODS,
    US_BASE,
    attack,
    evidence,
    extraction,
    meeting,
    person,
    sample_extractions,
    visit,
)


def load(store: GraphStore) -> None:
    for ex in sample_extractions():
        store.replace_document(ex)


def shared_meeting(store: GraphStore) -> Interaction:
    (found,) = [i for i in store.interactions() if i.type is InteractionType.MET_WITH]
    return found


def counts(store: GraphStore) -> tuple[int, int, int, int, int]:
    interactions = store.interactions()
    return (
        len(store.documents()),
        len(store.actors()),
        len(interactions),
        sum(len(i.evidence) for i in interactions),
        len(store.affiliations()),
    )


def test_implements_protocol(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)


def test_empty_store(store: GraphStore) -> None:
    assert counts(store) == (0, 0, 0, 0, 0)
    assert store.document_hash("000_a.txt") is None


def test_documents_round_trip(store: GraphStore) -> None:
    load(store)
    expected = {ex.document.id: ex.document for ex in sample_extractions()}
    got = store.documents()
    assert [d.id for d in got] == sorted(expected)
    for doc in got:
        want = expected[doc.id]
        assert (doc.path, doc.title, doc.sha256) == (want.path, want.title, want.sha256)
        assert (doc.period_start, doc.period_end) == (want.period_start, want.period_end)
        assert doc.period_stated is want.period_stated
        assert store.document_hash(doc.id) == want.sha256


def test_actors_round_trip(store: GraphStore) -> None:
    load(store)
    got = {a.id: a for a in store.actors()}
    assert set(got) == {a.id for a in (QAANI, KADHIMI, BAGHDAD, QODS, NUJABA, US_BASE)}
    assert got[QAANI.id] == QAANI  # roles, aliases, descriptions, flags: all kept
    assert got[NUJABA.id] == NUJABA
    assert got[QODS.id].parent == "irgc"


def test_interactions_round_trip(store: GraphStore) -> None:
    load(store)
    got = {i.id: i for i in store.interactions()}
    assert len(got) == 4
    (unknown,) = [i for i in got.values() if i.source is None]
    assert unknown.type is InteractionType.ATTACKED
    assert unknown.target == US_BASE.id
    assert unknown.date == "2021-12-02"
    assert unknown.mode == "rocket_attack"
    assert unknown.evidence == [evidence("001_b.txt", "Unknown attacked ain-al-asad.")]
    (denied,) = [i for i in got.values() if i.status is ClaimStatus.DENIED]
    assert denied.source == NUJABA.id
    assert denied.id != unknown.id


def test_affiliations_round_trip(store: GraphStore) -> None:
    load(store)
    assert store.affiliations() == [
        Affiliation(AffiliationKind.HOLDS_ROLE, QAANI.id, QODS.id, "commander", "2020-01-03")
    ]


def test_interactions_sorted_by_date_then_id(store: GraphStore) -> None:
    doc = "d.txt"
    store.replace_document(
        extraction(
            doc,
            actors=[QAANI, KADHIMI, BAGHDAD],
            interactions=[
                meeting(doc, QAANI.id, KADHIMI.id, "2021-03-02"),
                visit(doc, QAANI.id, BAGHDAD.id, None),
                visit(doc, KADHIMI.id, BAGHDAD.id, "2021-03"),
                meeting(doc, QAANI.id, KADHIMI.id, "2020"),
            ],
        )
    )
    got = store.interactions()
    assert [i.date for i in got] == [None, "2020", "2021-03", "2021-03-02"]


def test_restoring_unchanged_document_is_idempotent(store: GraphStore) -> None:
    load(store)
    before = counts(store)
    interactions = store.interactions()
    load(store)
    assert counts(store) == before
    assert store.interactions() == interactions


def test_changed_document_replaces_its_old_extractions(store: GraphStore) -> None:
    doc = "r.txt"
    store.replace_document(
        extraction(
            doc,
            actors=[QAANI, KADHIMI, BAGHDAD],
            interactions=[
                meeting(doc, QAANI.id, KADHIMI.id, "2021-11-07", "old quote"),
                visit(doc, QAANI.id, BAGHDAD.id, "2021-11"),
            ],
            affiliations=[Affiliation(AffiliationKind.MEMBER_OF, KADHIMI.id, BAGHDAD.id)],
            text="version one",
        )
    )
    v2 = extraction(
        doc,
        actors=[QAANI, NUJABA],
        interactions=[meeting(doc, QAANI.id, NUJABA.id, "2021-11-08", "new quote")],
        text="version two",
    )
    store.replace_document(v2)
    got = store.interactions()
    assert [(i.source, i.target) for i in got] == [(QAANI.id, NUJABA.id)]
    assert [e.quote for e in got[0].evidence] == ["new quote"]
    assert {a.id for a in store.actors()} == {QAANI.id, NUJABA.id}  # Kadhimi, Baghdad gone
    assert store.affiliations() == []
    assert store.document_hash(doc) == v2.document.sha256
    assert len(store.documents()) == 1


def test_same_interaction_from_two_documents_merges(store: GraphStore) -> None:
    load(store)
    merged = shared_meeting(store)
    assert merged.documents == ["000_a.txt", "001_b.txt"]
    assert [e.quote for e in merged.evidence] == [
        "Qa’ani met al-Kadhimi in Baghdad.",
        "Kadhimi received Qaani.",
    ]
    assert merged.status is ClaimStatus.ASSERTED  # asserted in B beats reported in A
    assert merged.place == BAGHDAD.id  # only A states the place and the mode
    assert merged.mode == "in_person"
    assert merged.cited_sources == ["Tasnim"]


def test_deleting_one_document_keeps_the_others_evidence(store: GraphStore) -> None:
    load(store)
    store.delete_document("001_b.txt")
    merged = shared_meeting(store)
    assert merged.documents == ["000_a.txt"]
    assert merged.status is ClaimStatus.REPORTED  # only A's claim is left
    assert store.document_hash("001_b.txt") is None
    assert {a.id for a in store.actors()} == {QAANI.id, KADHIMI.id, BAGHDAD.id, QODS.id}
    assert all(i.documents == ["000_a.txt"] for i in store.interactions())

    store.replace_document(sample_extractions()[1])
    store.delete_document("000_a.txt")
    merged = shared_meeting(store)
    assert merged.documents == ["001_b.txt"]
    assert (merged.status, merged.place, merged.mode) == (ClaimStatus.ASSERTED, None, None)


def test_deleting_unknown_document_is_a_no_op(store: GraphStore) -> None:
    load(store)
    before = counts(store)
    store.delete_document("nope.txt")
    assert counts(store) == before


def test_actor_attributes_last_write_wins(store: GraphStore) -> None:
    store.replace_document(extraction("a.txt", actors=[person("p", "Someone", country="IRN")]))
    store.replace_document(
        extraction("b.txt", actors=[person("p", "Someone", "S.", country="IRQ")])
    )
    (actor,) = store.actors()
    assert (actor.country, actor.aliases) == ("IRQ", ("S.",))


def test_implicit_only_when_every_claim_is(store: GraphStore) -> None:
    a = extraction("a.txt", interactions=[meeting("a.txt", "x", "y", "2021", implicit=True)])
    b = extraction("b.txt", interactions=[meeting("b.txt", "y", "x", "2021", implicit=False)])
    store.replace_document(a)
    assert store.interactions()[0].implicit is True
    store.replace_document(b)
    (merged,) = store.interactions()
    assert merged.implicit is False
    assert len(merged.evidence) == 2


def test_duplicate_claims_in_one_document_become_one(store: GraphStore) -> None:
    doc = "d.txt"
    first = meeting(doc, "x", "y", "2021-05-01", "Overview bullet.")
    second = meeting(doc, "x", "y", "2021-05-01", "Body paragraph.")
    second.evidence[0] = evidence(doc, "Body paragraph.", start=500)
    store.replace_document(extraction(doc, interactions=[first, second]))
    (got,) = store.interactions()
    assert [(e.quote, e.start) for e in got.evidence] == [
        ("Overview bullet.", 0),
        ("Body paragraph.", 500),
    ]


def test_confidence_is_the_highest_of_the_documents_claims(store: GraphStore) -> None:
    a = extraction(
        "a.txt",
        interactions=[
            meeting("a.txt", "x", "y", "2021-05", confidence=0.4),
            visit("a.txt", "x", "z", "2021-05"),  # never scored
            visit("a.txt", "y", "z", "2021-06", confidence=0.25),
        ],
    )
    b = extraction(
        "b.txt",
        interactions=[
            meeting("b.txt", "y", "x", "2021-05", confidence=0.8125),
            visit("b.txt", "y", "z", "2021-06"),  # unscored here, scored in a.txt
        ],
    )
    store.replace_document(a)
    store.replace_document(b)
    got = {(i.type, i.source, i.target): i.confidence for i in store.interactions()}
    assert got == {
        (InteractionType.MET_WITH, "x", "y"): 0.8125,
        (InteractionType.VISITED, "x", "z"): None,
        (InteractionType.VISITED, "y", "z"): 0.25,
    }
    store.delete_document("b.txt")  # the merged value is derived again from what is left
    got = {(i.type, i.source): i.confidence for i in store.interactions()}
    assert got[(InteractionType.MET_WITH, "x")] == 0.4
    assert got[(InteractionType.VISITED, "y")] == 0.25


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (InteractionFilter(), 4),
        (InteractionFilter(types=(InteractionType.ATTACKED,)), 2),
        (InteractionFilter(types=(InteractionType.ATTACKED, InteractionType.VISITED)), 3),
        (InteractionFilter(actor=QAANI.id), 2),
        (InteractionFilter(actor=US_BASE.id), 2),  # as target
        (InteractionFilter(actor=NUJABA.id, types=(InteractionType.MET_WITH,)), 0),
        (InteractionFilter(include_denied=False), 3),
        (InteractionFilter(since="2021-12"), 2),
        (InteractionFilter(until="2021-11-30"), 2),
        (InteractionFilter(since="2021-11-15"), 3),  # "2021-11" overlaps the window
        (InteractionFilter(until="2021-11-01"), 1),  # "2021-11" again, from the other side
        (InteractionFilter(since="2021-11-08", until="2021-12-01"), 1),
        (InteractionFilter(since="2022"), 0),
        (InteractionFilter(since="2021", until="2021"), 4),
    ],
)
def test_filters(store: GraphStore, flt: InteractionFilter, expected: int) -> None:
    load(store)
    got = store.interactions(flt)
    assert len(got) == expected
    for i in got:
        if flt.types:
            assert i.type in flt.types
        if flt.actor:
            assert flt.actor in (i.source, i.target)


def test_date_window_excludes_undated(store: GraphStore) -> None:
    store.replace_document(extraction("d.txt", interactions=[visit("d.txt", "x", "y", None)]))
    assert len(store.interactions()) == 1
    assert store.interactions(InteractionFilter(since="2000")) == []


def test_unknown_source_is_allowed(store: GraphStore) -> None:
    doc = "u.txt"
    store.replace_document(
        extraction(doc, actors=[US_BASE], interactions=[attack(doc, None, US_BASE.id, "2021")])
    )
    (got,) = store.interactions(InteractionFilter(actor=US_BASE.id))
    assert got.source is None
    assert got.id == Interaction(InteractionType.ATTACKED, None, US_BASE.id, "2021").id


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_stored_literally(store: GraphStore, hostile: str) -> None:
    load(store)
    doc = f"{hostile}.txt"
    bad = person(hostile, hostile, hostile, descriptions=(hostile,), country=hostile)
    interaction = meeting(doc, bad.id, QAANI.id, "2021-01-01", hostile, hostile, mode=hostile)
    ex = extraction(
        doc,
        actors=[bad, QAANI],
        interactions=[interaction],
        affiliations=[Affiliation(AffiliationKind.MEMBER_OF, bad.id, QAANI.id, hostile)],
        text=f"{hostile} met Qaani.",
        title=hostile,
    )
    store.replace_document(ex)
    got = {a.id: a for a in store.actors()}
    assert got[hostile] == bad
    assert len(got) == 7  # nothing else was touched
    (stored,) = store.interactions(InteractionFilter(actor=hostile))
    assert stored.id == interaction.id
    assert stored.mode == hostile
    assert stored.evidence == interaction.evidence
    assert [d.title for d in store.documents() if d.id == doc] == [hostile]
    assert Affiliation(AffiliationKind.MEMBER_OF, hostile, QAANI.id, hostile) in (
        store.affiliations()
    )
    assert len(store.documents()) == 3
    store.delete_document(doc)
    assert hostile not in {a.id for a in store.actors()}
    assert counts(store)[:3] == (2, 6, 4)


# -- judgements ---------------------------------------------------------------------------


def _judgement(verdict: Verdict, subject: str, second: int = 0, **kw: object) -> Judgement:
    at = f"2026-01-01T00:00:{second:02d}+00:00"
    return new_judgement(verdict, subject, by="alice", at=at, **kw)  # type: ignore[arg-type]


def test_judgements_round_trip(store: GraphStore) -> None:
    assert store.judgements() == []
    key = EvidenceKey("001_b.txt", 0, 12, HOSTILE[0])
    items = [
        _judgement(Verdict.SET, QAANI.id, 3, attribute="proxy", value="true", note=HOSTILE[1]),
        _judgement(Verdict.SAME, QAANI.id, 1, other=KADHIMI.id, note="same person"),
        _judgement(Verdict.REJECT, "visited-x", 2, evidence=key),
        _judgement(Verdict.DIFFERENT, HOSTILE[2], 4, other=NUJABA.id),
    ]
    assert store.add_judgements(items) == 4
    assert store.judgements() == sorted(items, key=lambda j: (j.at, j.id))
    assert store.add_judgements(items[:2]) == 0  # known ids are skipped
    assert len(store.judgements()) == 4


def test_remove_judgement(store: GraphStore) -> None:
    keep, gone = _judgement(Verdict.CONFIRM, "a", 1), _judgement(Verdict.CONFIRM, "b", 2)
    store.add_judgements([keep, gone])
    assert store.remove_judgement(gone.id) is True
    assert store.remove_judgement(gone.id) is False
    assert store.judgements() == [keep]


def test_judging_keeps_extractions_and_ingests_keep_judgements(store: GraphStore) -> None:
    load(store)
    before = counts(store)
    store.add_judgements([_judgement(Verdict.SAME, QAANI.id, other=KADHIMI.id)])
    assert counts(store) == before  # the store itself is never rewritten
    for ex in sample_extractions():
        store.replace_document(ex)
    store.delete_document("001_b.txt")
    assert [j.verdict for j in store.judgements()] == [Verdict.SAME]


def test_judged_view_of_the_store(store: GraphStore) -> None:
    load(store)
    view = JudgedStore(store)
    raw = counts(store)
    (qaani_visit,) = [i for i in store.interactions() if i.type is InteractionType.VISITED]
    same = _judgement(Verdict.SAME, QAANI.id, 1, other=KADHIMI.id)
    reject = _judgement(Verdict.REJECT, qaani_visit.id, 2)
    view.add_judgements([same, reject])
    got = counts(view)
    assert got[1] == raw[1] - 1  # one actor fewer
    assert got[2] == raw[2] - 2  # the shared meeting became a self-loop; the visit is rejected
    assert KADHIMI.id not in {a.id for a in view.actors()}
    assert qaani_visit.id not in {i.id for i in view.interactions()}
    for ex in sample_extractions():  # a re-ingest keeps the judged view
        view.replace_document(ex)
    assert counts(view) == got
    assert view.remove_judgement(same.id) and view.remove_judgement(reject.id)
    assert counts(view) == raw
