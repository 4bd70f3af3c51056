"""Tests of the scorer (actornet.evaluate) on small hand-made gold sets."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from actornet.errors import ActornetError
from actornet.evaluate import Counts, Gold, Scores, load_gold, map_actors, score

REAL_GOLD = Path(
    os.environ.get("ACTORNET_GOLD") or Path(__file__).resolve().parents[2] / "shared" / "gold"
)

R1, R2 = "r1.txt", "r2.txt"


def ent(id_: str, name: str, *aliases: str, **kw: Any) -> dict[str, Any]:
    return {"id": id_, "name": name, "type": "Person", "aliases": list(aliases), **kw}


ENTITIES = [
    ent("zarif", "Mohammad Javad Zarif", "Zarif"),
    ent("assad", "Bashar al-Assad", "Assad", "President Assad"),
    ent("idf", "Israel Defense Forces", "IDF"),
    ent("israel", "Israel"),
    ent("irgc", "The Islamic Revolutionary Guard Corps", "IRGC"),
    ent("damascus", "Damascus"),
    ent("syria", "Syria"),
    ent("iran", "Iran"),
]


def rec(
    id_: str,
    type_: str,
    source: str | None,
    target: str,
    report: str = R1,
    *,
    date: str | None = "2020-11",
    status: str = "asserted",
    implicit: bool = False,
    accept: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "id": id_,
        "report": report,
        "type": type_,
        "source": source,
        "target": target,
        "date": date,
        "status": status,
        "implicit": implicit,
        "evidence": [f"quote of {id_}"],
        "accept_also": accept or {"source": [], "target": []},
    }


def act(id_: str, name: str, *aliases: str) -> dict[str, Any]:
    return {"id": id_, "name": name, "kind": "Person", "aliases": list(aliases)}


ACTORS = [
    act("p-zarif", "Zarif"),
    act("p-assad", "Assad"),
    act("p-idf", "IDF"),
    act("p-israel", "Israel"),
    act("p-irgc", "IRGC"),
    act("p-damascus", "Damascus"),
    act("p-syria", "Syria"),
    act("p-iran", "Iran"),
    act("p-nobody", "Nobody Known"),
]


def pred(
    id_: str,
    type_: str,
    source: str | None,
    target: str | None,
    docs: tuple[str, ...] = (R1,),
    *,
    date: str | None = "2020-11",
    status: str = "asserted",
) -> dict[str, Any]:
    return {
        "id": id_,
        "type": type_,
        "source": source,
        "target": target,
        "date": date,
        "status": status,
        "evidence": [
            {"document": d, "quote": f"{id_} in {d}", "start": 0, "end": 1, "cited_source": None}
            for d in docs
        ],
    }


def run(records: list[dict[str, Any]], preds: list[dict[str, Any]], actors=None) -> Scores:
    gold = Gold(entities=ENTITIES, interactions=records)
    return score(gold, {"actors": ACTORS if actors is None else actors, "interactions": preds})


def tpfpfn(counts: Counts) -> tuple[int, int, int]:
    return counts.tp, counts.fp, counts.fn


# --- matching -------------------------------------------------------------------------------


def test_exact_match() -> None:
    s = run(
        [rec("g1", "MET_WITH", "zarif", "assad")], [pred("x1", "MET_WITH", "p-zarif", "p-assad")]
    )
    assert tpfpfn(s.strict.overall) == (1, 0, 0)
    assert s.strict.overall.f1 == 1.0
    assert tpfpfn(s.strict.by_type["MET_WITH"]) == (1, 0, 0)
    assert [(m.gold_id, m.prediction_id, m.swapped) for m in s.matches] == [("g1", "x1", False)]


def test_wrong_target_is_fp_and_fn() -> None:
    s = run(
        [rec("g1", "MET_WITH", "zarif", "assad")], [pred("x1", "MET_WITH", "p-zarif", "p-iran")]
    )
    assert tpfpfn(s.strict.overall) == (0, 1, 1)
    assert s.strict.overall.f1 == 0.0


def test_type_must_agree() -> None:
    s = run(
        [rec("g1", "MET_WITH", "zarif", "assad")], [pred("x1", "VISITED", "p-zarif", "p-assad")]
    )
    assert tpfpfn(s.strict.by_type["MET_WITH"]) == (0, 0, 1)
    assert tpfpfn(s.strict.by_type["VISITED"]) == (0, 1, 0)


@pytest.mark.parametrize("type_", ["MET_WITH", "SIGNED_AGREEMENT"])
def test_swapped_symmetric_types_match(type_: str) -> None:
    s = run([rec("g1", type_, "zarif", "assad")], [pred("x1", type_, "p-assad", "p-zarif")])
    assert tpfpfn(s.strict.overall) == (1, 0, 0)
    assert s.matches[0].swapped is True


@pytest.mark.parametrize("type_", ["ATTACKED", "VISITED"])
def test_swapped_directed_types_do_not_match(type_: str) -> None:
    s = run([rec("g1", type_, "idf", "irgc")], [pred("x1", type_, "p-irgc", "p-idf")])
    assert tpfpfn(s.strict.overall) == (0, 1, 1)


def test_accept_also_source_and_target() -> None:
    records = [
        rec("g1", "ATTACKED", "idf", "irgc", accept={"source": ["israel"], "target": []}),
        rec("g2", "VISITED", "zarif", "damascus", accept={"source": [], "target": ["syria"]}),
    ]
    preds = [
        pred("x1", "ATTACKED", "p-israel", "p-irgc"),
        pred("x2", "VISITED", "p-zarif", "p-syria"),
    ]
    s = run(records, preds)
    assert tpfpfn(s.strict.overall) == (2, 0, 0)


def test_accept_also_is_per_end() -> None:
    # "israel" is accepted as source only, never as target.
    records = [rec("g1", "ATTACKED", "idf", "irgc", accept={"source": ["israel"], "target": []})]
    s = run(records, [pred("x1", "ATTACKED", "p-idf", "p-israel")])
    assert tpfpfn(s.strict.overall) == (0, 1, 1)


def test_accept_also_with_swap() -> None:
    records = [
        rec("g1", "MET_WITH", "zarif", "damascus", accept={"source": [], "target": ["syria"]})
    ]
    s = run(records, [pred("x1", "MET_WITH", "p-syria", "p-zarif")])
    assert tpfpfn(s.strict.overall) == (1, 0, 0)


def test_null_source() -> None:
    records = [rec("g1", "ATTACKED", None, "irgc"), rec("g2", "ATTACKED", "idf", "irgc")]
    preds = [pred("x1", "ATTACKED", None, "p-irgc")]
    s = run(records, preds)
    assert [(m.gold_id, m.prediction_id) for m in s.matches] == [("g1", "x1")]
    # a named attacker does not match a null gold source, nor a null one a named gold source
    s = run(records[:1], [pred("x2", "ATTACKED", "p-idf", "p-irgc")])
    assert tpfpfn(s.strict.overall) == (0, 1, 1)
    s = run(records[1:], preds)
    assert tpfpfn(s.strict.overall) == (0, 1, 1)


def test_unmapped_actor_matches_nothing() -> None:
    records = [rec("g1", "ATTACKED", None, "irgc")]
    s = run(records, [pred("x1", "ATTACKED", "p-nobody", "p-irgc")])
    assert tpfpfn(s.strict.overall) == (0, 1, 1)
    assert "p-nobody" in s.unmapped_actors
    # an actor id missing from the actors list is unmapped too
    s = run([rec("g2", "ATTACKED", "idf", "irgc")], [pred("x2", "ATTACKED", "p-ghost", "p-irgc")])
    assert tpfpfn(s.strict.overall) == (0, 1, 1)


def test_one_to_one() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad")]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-assad"),
        pred("x2", "MET_WITH", "p-assad", "p-zarif"),
    ]
    s = run(records, preds)
    assert tpfpfn(s.strict.overall) == (1, 1, 0)
    assert s.strict.overall.precision == 0.5


def test_one_gold_per_prediction() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad"), rec("g2", "MET_WITH", "assad", "zarif")]
    s = run(records, [pred("x1", "MET_WITH", "p-zarif", "p-assad")])
    assert tpfpfn(s.strict.overall) == (1, 0, 1)


def test_maximum_matching_not_greedy() -> None:
    # x1 fits g1 and g2, x2 fits g1 only: a greedy x1->g1 would leave x2 unpaired.
    records = [
        rec("g1", "ATTACKED", "idf", "irgc", accept={"source": ["israel"], "target": []}),
        rec("g2", "ATTACKED", "idf", "irgc"),
    ]
    preds = [
        pred("x1", "ATTACKED", "p-idf", "p-irgc"),
        pred("x2", "ATTACKED", "p-israel", "p-irgc"),
    ]
    for order in (preds, preds[::-1]):
        s = run(records, order)
        assert tpfpfn(s.strict.overall) == (2, 0, 0)
        assert {(m.gold_id, m.prediction_id) for m in s.matches} == {("g1", "x2"), ("g2", "x1")}


def test_prediction_with_evidence_in_two_reports() -> None:
    records = [
        rec("g1", "MET_WITH", "zarif", "assad", R1),
        rec("g2", "MET_WITH", "zarif", "assad", R2),
    ]
    both = [pred("x1", "MET_WITH", "p-zarif", "p-assad", (R1, R2))]
    s = run(records, both)
    assert tpfpfn(s.strict.overall) == (2, 0, 0)
    assert {m.report for m in s.matches} == {R1, R2}
    # with gold in R1 only, the R2 candidate is ignored (R2 has no gold)
    s = run(records[:1], both)
    assert tpfpfn(s.strict.overall) == (1, 0, 0)
    # with gold for something else in R2, the R2 candidate is a false positive there
    s = run([records[0], rec("g3", "VISITED", "zarif", "damascus", R2)], both)
    assert tpfpfn(s.strict.by_report[R1]) == (1, 0, 0)
    assert tpfpfn(s.strict.by_report[R2]) == (0, 1, 1)
    assert [(p.id, p.document) for p in s.unmatched_predictions] == [("x1", R2)]


def test_evidence_twice_in_one_report_counts_once() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad")]
    s = run(records, [pred("x1", "MET_WITH", "p-zarif", "p-assad", (R1, R1))])
    assert tpfpfn(s.strict.overall) == (1, 0, 0)


def test_document_given_as_path() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad")]
    s = run(records, [pred("x1", "MET_WITH", "p-zarif", "p-assad", ("seeds/r1.txt",))])
    assert tpfpfn(s.strict.overall) == (1, 0, 0)


def test_reports_without_gold_are_ignored() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad", R1)]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-assad", (R1,)),
        pred("x2", "VISITED", "p-zarif", "p-damascus", ("other.txt",)),
        pred("x3", "VISITED", "p-zarif", "p-damascus", ()),
    ]
    s = run(records, preds)
    assert tpfpfn(s.strict.overall) == (1, 0, 0)
    assert s.reports == [R1]
    assert s.ignored["no_gold_report"] == 2


def test_unknown_types_are_ignored() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad"), rec("g9", "FUNDED", "iran", "irgc")]
    preds = [pred("x1", "MET_WITH", "p-zarif", "p-assad"), pred("x9", "FUNDED", "p-iran", "p-irgc")]
    s = run(records, preds)
    assert tpfpfn(s.strict.overall) == (1, 0, 0)
    assert "FUNDED" not in s.strict.by_type
    assert s.ignored["unknown_type"] == 1
    assert s.unmatched_gold == [] and s.unmatched_predictions == []


# --- actor mapping and names -----------------------------------------------------------------


def test_mapping_by_most_shared_names() -> None:
    entities = [
        ent("a", "Ali Akbar", "Akbar"),
        ent("b", "Ali Akbar Velayati", "Velayati", "Akbar"),
    ]
    actors = [
        act("p1", "Velayati", "Akbar"),  # 1 shared with a, 2 with b
        act("p2", "Akbar"),  # 1 with a, 1 with b: a tie, a has fewer names
        act("p3", "Someone Else"),  # none
    ]
    assert map_actors(entities, actors) == {"p1": "b", "p2": "a", "p3": None}
    # ties follow the reference scorer's rules, not the order of the entities
    assert map_actors(entities[::-1], actors)["p2"] == "a"


def test_mapping_ties_follow_the_reference_scorer() -> None:
    # "Coalition Forces" names both; the reference scorer prefers a gold name equal to the
    # predicted name, then a gold type equal to the predicted kind, then fewer gold names.
    entities = [
        ent("global", "Global Coalition", "Coalition Forces", "Coalition", "Western Coalition"),
        ent("iraq", "Coalition Forces in Iraq", "Coalition Forces", "Coalition"),
    ]
    assert map_actors(entities, [act("p", "Coalition Forces")]) == {"p": "iraq"}
    entities.append(ent("exact", "Coalition Forces", "Allied Forces", "Old Coalition", "Xyz"))
    assert map_actors(entities, [act("p", "Coalition Forces")]) == {"p": "exact"}


def test_mapping_ignores_descriptions() -> None:
    entities = [ent("a", "Hassan Rouhani", descriptions=["the Iranian president"])]
    assert map_actors(entities, [act("p1", "the Iranian president")]) == {"p1": None}


def test_mapping_counts_duplicate_forms_once() -> None:
    # "Zarif" and "zarif" are one normalised name, so they give p1 one shared name, not two.
    entities = [ent("a", "Zarif X", "Zarif"), ent("b", "Zarif Y", "Zarif", "Javad")]
    actors = [act("p1", "Zarif", "ZARIF", "zarif"), act("p2", "Zarif", "Javad")]
    assert map_actors(entities, actors) == {"p1": "a", "p2": "b"}


@pytest.mark.parametrize(
    ("gold_name", "predicted"),
    [
        ("Esmail Qa’ani", "Esmail Qa'ani"),  # curly vs straight apostrophe
        ("Esmail Qa'ani", "Esmail Qa‘ani"),
        ("The Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps"),
        ("Islamic Revolutionary Guard Corps", "the Islamic Revolutionary Guard Corps"),
        ("Fayçal Miqdâd", "Faycal Miqdad"),  # accents
        ("Hossein Amir-Abdollahian", "Hossein Amir–Abdollahian"),  # hyphen vs en dash
        ("Hossein Amir-Abdollahian", "Hossein Amir Abdollahian"),
        ("IRGC", "irgc"),
    ],
)
def test_name_normalisation(gold_name: str, predicted: str) -> None:
    entities = [ent("other", "Other"), ent("x", gold_name)]
    assert map_actors(entities, [act("p", predicted)]) == {"p": "x"}
    records = [rec("g1", "MET_WITH", "x", "other")]
    gold = Gold(entities=entities, interactions=records)
    export = {
        "actors": [act("p", predicted), act("q", "Other")],
        "interactions": [pred("y", "MET_WITH", "p", "q")],
    }
    assert score(gold, export).strict.overall.tp == 1


def test_different_names_do_not_map() -> None:
    entities = [ent("x", "Esmail Qaani")]
    assert map_actors(entities, [act("p", "Esmail Qa ani")]) == {"p": None}


# --- core variant, agreement, details ----------------------------------------------------------


def test_core_excludes_implicit_records_and_their_predictions() -> None:
    records = [
        rec("g1", "MET_WITH", "zarif", "assad"),
        rec("g2", "VISITED", "zarif", "damascus", implicit=True),
        rec("g3", "VISITED", "assad", "damascus", implicit=True),
    ]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-assad"),
        pred("x2", "VISITED", "p-zarif", "p-damascus"),
        pred("x3", "ATTACKED", "p-idf", "p-irgc"),
    ]
    s = run(records, preds)
    assert tpfpfn(s.strict.overall) == (2, 1, 1)
    # x2 (paired with implicit g2) is out of core precision; g3 is out of core recall
    assert tpfpfn(s.core.overall) == (1, 1, 0)
    assert tpfpfn(s.core.by_type["VISITED"]) == (0, 0, 0)
    assert s.core.overall.precision == 0.5 and s.core.overall.recall == 1.0
    assert tpfpfn(s.core.by_report[R1]) == (1, 1, 0)


def test_pairing_prefers_explicit_gold_record() -> None:
    records = [
        rec("g1", "VISITED", "zarif", "damascus", implicit=True),
        rec("g2", "VISITED", "zarif", "damascus", date="2020-12"),
    ]
    s = run(records, [pred("x1", "VISITED", "p-zarif", "p-damascus", date="2020-11")])
    assert [m.gold_id for m in s.matches] == ["g2"]
    assert tpfpfn(s.core.overall) == (1, 0, 0)


def test_date_and_status_agreement() -> None:
    records = [
        rec("g1", "MET_WITH", "zarif", "assad", date="2020-11-22", status="asserted"),
        rec("g2", "ATTACKED", "idf", "irgc", date="2020-11", status="reported"),
        rec("g3", "VISITED", "zarif", "damascus", date=None, implicit=True),
    ]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-assad", date="2020-11-22", status="reported"),
        pred("x2", "ATTACKED", "p-idf", "p-irgc", date="2020-11-18", status="reported"),
        pred("x3", "VISITED", "p-zarif", "p-damascus", date=None, status="asserted"),
    ]
    s = run(records, preds)
    assert (s.strict.date_agreement.agree, s.strict.date_agreement.total) == (2, 3)
    assert (s.strict.status_agreement.agree, s.strict.status_agreement.total) == (2, 3)
    assert s.strict.date_agreement.fraction == pytest.approx(2 / 3)
    assert (s.core.date_agreement.agree, s.core.date_agreement.total) == (1, 2)
    assert (s.core.status_agreement.agree, s.core.status_agreement.total) == (1, 2)
    # a prefix is not an exact date: 2020-11 vs 2020-11-18 disagree
    by_id = {m.gold_id: m for m in s.matches}
    assert not by_id["g2"].date_agrees and by_id["g2"].status_agrees


def test_pairing_prefers_agreeing_date_then_status() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad", date="2020-11-22", status="reported")]
    preds = [
        pred("wrong", "MET_WITH", "p-zarif", "p-assad", date="2020-11", status="reported"),
        pred("date", "MET_WITH", "p-zarif", "p-assad", date="2020-11-22", status="asserted"),
        pred("both", "MET_WITH", "p-assad", "p-zarif", date="2020-11-22", status="reported"),
    ]
    for order in (preds, preds[::-1]):
        s = run(records, order)
        assert [m.prediction_id for m in s.matches] == ["both"]
        assert s.strict.date_agreement.agree == 1 and s.strict.status_agreement.agree == 1
    s = run(records, preds[:2])
    assert [m.prediction_id for m in s.matches] == ["date"]


def test_details_of_unmatched_records() -> None:
    records = [rec("g1", "ATTACKED", "idf", "irgc", date="2020-11-18", implicit=False)]
    preds = [pred("x1", "ATTACKED", "p-israel", "p-nobody", (R1, R2), date="2020-11")]
    s = run(records, preds)
    [g] = s.unmatched_gold
    assert (g.id, g.type, g.source, g.target, g.date, g.status) == (
        "g1",
        "ATTACKED",
        "idf",
        "irgc",
        "2020-11-18",
        "asserted",
    )
    assert (g.source_name, g.target_name, g.quote) == (
        "Israel Defense Forces",
        "The Islamic Revolutionary Guard Corps",
        "quote of g1",
    )
    [p] = s.unmatched_predictions
    assert (p.id, p.document, p.type, p.date, p.status) == (
        "x1",
        R1,
        "ATTACKED",
        "2020-11",
        "asserted",
    )
    assert (p.source, p.source_gold, p.source_name) == ("p-israel", "israel", "Israel")
    assert (p.target, p.target_gold, p.target_name) == ("p-nobody", None, "Nobody Known")
    assert p.quote == "x1 in r1.txt"
    assert p.near == []  # differs from g1 in source and target


def test_near_misses_are_listed() -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad"), rec("g2", "VISITED", "zarif", "damascus")]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-iran"),
        pred("x2", "ATTACKED", "p-zarif", "p-damascus"),
        pred("x3", "MET_WITH", "p-damascus", "p-zarif"),  # swapped: only the source differs
    ]
    s = run(records, preds)
    near = {p.id: p.near for p in s.unmatched_predictions}
    assert near["x1"] == ["g1 (target differs)"]
    assert near["x2"] == ["g2 (type differs)"]
    assert near["x3"] == ["g1 (source differs)"]
    assert {g.id: g.near for g in s.unmatched_gold}["g1"] == [
        "x1 (target differs)",
        "x3 (source differs)",
    ]


def test_per_report_figures() -> None:
    records = [
        rec("g1", "MET_WITH", "zarif", "assad", R1),
        rec("g2", "ATTACKED", "idf", "irgc", R2),
        rec("g3", "ATTACKED", None, "irgc", R2),
    ]
    preds = [
        pred("x1", "MET_WITH", "p-zarif", "p-assad", (R1,)),
        pred("x2", "ATTACKED", "p-idf", "p-irgc", (R2,)),
        pred("x3", "ATTACKED", "p-iran", "p-irgc", (R2,)),
    ]
    s = run(records, preds)
    assert tpfpfn(s.strict.by_report[R1]) == (1, 0, 0)
    assert tpfpfn(s.strict.by_report[R2]) == (1, 1, 1)
    assert tpfpfn(s.strict.overall) == (2, 1, 1)
    assert s.reports == [R1, R2]


def test_counts_figures() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == 0.75
    assert c.recall == 0.6
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    zero = Counts()
    assert (zero.precision, zero.recall, zero.f1) == (0.0, 0.0, 0.0)
    assert Counts(fp=2).f1 == 0.0


def test_to_dict_is_json() -> None:
    s = run(
        [rec("g1", "MET_WITH", "zarif", "assad")], [pred("x1", "MET_WITH", "p-assad", "p-zarif")]
    )
    d = json.loads(json.dumps(s.to_dict()))
    assert d["strict"]["overall"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert set(d["strict"]["by_type"]) == {"MET_WITH", "VISITED", "SIGNED_AGREEMENT", "ATTACKED"}
    assert d["core"]["date_agreement"] == {"agree": 1, "total": 1, "fraction": 1.0}
    assert d["details"]["matches"][0]["swapped"] is True
    assert d["details"]["unmatched_gold"] == [] and d["details"]["unmatched_predictions"] == []
    assert d["actor_mapping"]["p-zarif"] == "zarif"
    assert any("descriptions" in note for note in d["notes"])


def test_empty_export() -> None:
    s = run([rec("g1", "MET_WITH", "zarif", "assad")], [], actors=[])
    assert tpfpfn(s.strict.overall) == (0, 0, 1)
    s = score(Gold(entities=ENTITIES, interactions=[rec("g1", "VISITED", "zarif", "syria")]), {})
    assert s.strict.overall.fn == 1


@pytest.mark.parametrize("export", [[], {"actors": {}}, {"interactions": [1, 2]}])
def test_invalid_export(export: Any) -> None:
    with pytest.raises(ActornetError):
        score(Gold(entities=ENTITIES, interactions=[]), export)


# --- load_gold --------------------------------------------------------------------------------


def write_gold(root: Path, entities: Any, interactions: Any) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "entities.json").write_text(json.dumps(entities), encoding="utf-8")
    (root / "interactions.json").write_text(json.dumps(interactions), encoding="utf-8")
    return root


def test_load_gold(tmp_path: Path) -> None:
    records = [rec("g1", "MET_WITH", "zarif", "assad")]
    gold = load_gold(write_gold(tmp_path / "gold", ENTITIES, records))
    assert gold.entities == ENTITIES and gold.interactions == records
    assert gold.reports == [R1]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("nodir", "no such gold directory"),
        ("noentities", "entities.json: no such gold file"),
        ("badjson", "invalid JSON"),
        ("notlist", "expected a JSON list of objects"),
        ("missingkey", "g1: missing report"),
        ("unknownid", "unknown entity id(s) ghost"),
        ("nulltarget", "target is null"),
    ],
)
def test_load_gold_errors(tmp_path: Path, setup: str, message: str) -> None:
    root = tmp_path / "gold"
    good = [rec("g1", "MET_WITH", "zarif", "assad")]
    if setup == "nodir":
        pass
    elif setup == "noentities":
        write_gold(root, ENTITIES, good)
        (root / "entities.json").unlink()
    elif setup == "badjson":
        write_gold(root, ENTITIES, good)
        (root / "interactions.json").write_text("[{", encoding="utf-8")
    elif setup == "notlist":
        write_gold(root, {"a": 1}, good)
    elif setup == "missingkey":
        broken = dict(good[0])
        del broken["report"]
        write_gold(root, ENTITIES, [broken])
    elif setup == "unknownid":
        write_gold(
            root, ENTITIES, [rec("g1", "ATTACKED", "idf", "irgc", accept={"source": ["ghost"]})]
        )
    elif setup == "nulltarget":
        write_gold(root, ENTITIES, [{**good[0], "target": None}])
    with pytest.raises(ActornetError) as info:
        load_gold(root)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


# --- the real gold --------------------------------------------------------------------------


def export_from_gold(gold: Gold, *, swap_symmetric: bool = False) -> dict[str, Any]:
    """Each gold record as a prediction; actors carry the gold names under other ids."""
    actors = [
        {"id": f"pred-{i}", "name": e["name"], "kind": e.get("type"), "aliases": e["aliases"]}
        for i, e in enumerate(gold.entities)
    ]
    ids = {e["id"]: f"pred-{i}" for i, e in enumerate(gold.entities)}
    interactions = []
    for r in gold.interactions:
        source, target = (ids[r["source"]] if r["source"] else None), ids[r["target"]]
        if swap_symmetric and r["type"] in ("MET_WITH", "SIGNED_AGREEMENT"):
            source, target = target, source
        interactions.append(
            {
                "id": f"p-{r['id']}",
                "type": r["type"],
                "source": source,
                "target": target,
                "date": r["date"],
                "place": None,
                "status": r["status"],
                "mode": r.get("mode"),
                "evidence": [{"document": r["report"], "quote": q} for q in r["evidence"]],
            }
        )
    return {"actors": actors, "interactions": interactions}


@pytest.mark.skipif(not REAL_GOLD.is_dir(), reason="real gold not available")
@pytest.mark.parametrize("swap", [False, True])
def test_real_gold_scores_itself_perfectly(swap: bool) -> None:
    gold = load_gold(REAL_GOLD)
    s = score(gold, export_from_gold(gold, swap_symmetric=swap))
    assert tpfpfn(s.strict.overall) == (len(gold.interactions), 0, 0)
    assert s.strict.overall.f1 == 1.0
    assert s.core.overall.f1 == 1.0
    assert s.core.overall.tp == sum(not r["implicit"] for r in gold.interactions)
    assert s.strict.date_agreement.fraction == 1.0
    assert s.strict.status_agreement.fraction == 1.0
    # every prediction is paired with the gold record it was made from
    assert all(m.prediction_id == f"p-{m.gold_id}" for m in s.matches)
    # every gold entity is mapped back to itself
    assert list(s.actor_mapping.values()) == [e["id"] for e in gold.entities]
