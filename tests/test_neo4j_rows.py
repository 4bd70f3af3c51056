"""Pure parts of the Neo4j store: batching, rows, merging, query tables, saved queries."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from actornet.model import (
    ActorKind,
    AffiliationKind,
    ClaimStatus,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)
from actornet.store import neo4j_rows as q
from actornet.store.lookup import merge_claims
from factories import HOSTILE, QAANI, attack, evidence, extraction, meeting, person

ROOT = Path(__file__).resolve().parents[1]
CYPHER = ROOT / "cypher"
FIXED = {"Actor", "Document", "Claim", "MENTIONED_IN", "CLAIMED_IN"}
ALLOWED = FIXED | {m.value for e in (ActorKind, InteractionType, AffiliationKind) for m in e}
FORMAT_HOLE = re.compile(r"\{\s*\w*\s*\}|%[sdr(]|__[A-Z]+__")
LABEL = re.compile(r"(?::|\|)([A-Z][A-Za-z_]*)")  # :Label, :TYPE, |TYPE (map keys are lower)
PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$")


def all_queries() -> list[str]:
    """Every Cypher text the store can send."""
    out = []
    for name, value in vars(q).items():
        if name.isupper() and isinstance(value, str) and name not in ("UNKNOWN_ACTOR_ID",):
            out.append(value)
        elif name.isupper() and isinstance(value, Mapping):
            out.extend(v for v in value.values() if isinstance(v, str))
    return [x for x in out if x not in (q.UNKNOWN_ACTOR_NAME, q.INTERACTION_TYPES)]


# -- batching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "size", "sizes"),
    [(0, 3, []), (1, 3, [1]), (3, 3, [3]), (7, 3, [3, 3, 1]), (6, 1, [1] * 6), (5, 1000, [5])],
)
def test_batched_sizes_and_remainder(n: int, size: int, sizes: list[int]) -> None:
    batches = list(q.batched(iter(range(n)), size))
    assert [len(b) for b in batches] == sizes
    assert [x for b in batches for x in b] == list(range(n))


@pytest.mark.parametrize("size", [0, -1])
def test_batched_refuses_empty_batches(size: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(q.batched([1], size))


# -- query tables -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        (q.ACTOR_UPSERT, ActorKind),
        (q.INTERACTION_DELETE, InteractionType),
        (q.INTERACTION_CREATE, InteractionType),
        (q.RELEASE_AFFILIATIONS, AffiliationKind),
        (q.COUNT_INTERACTIONS, InteractionType),
        (q.AFFILIATION_UPSERT, AffiliationKind),
    ],
)
def test_query_tables_cover_every_enum_member(table: Mapping[Any, str], enum: type) -> None:
    assert set(table) == set(enum)
    for member, query in table.items():
        assert re.search(rf"[:|]{member.value}\b", query)
        assert len(set(table.values())) == len(table)  # one distinct query per member


def test_one_call_per_member_reads_each_members_own_parameter() -> None:
    query = q.INTERACTIONS_CREATE
    assert query.count("CALL {") == len(InteractionType)
    for t in InteractionType:
        assert f"UNWIND ${t.value} AS row" in query and f"[r:{t.value}]" in query
    assert "$rows" not in query and "$ids" not in q.INTERACTIONS_DELETE
    assert "UNWIND $Person AS row" in q.ACTORS_UPSERT and "$document" in q.ACTORS_UPSERT
    assert not re.search(r"\bCALL\s*\(", query)  # no 5.23+ scope syntax


def test_actor_upsert_replaces_the_kind_label() -> None:
    query = q.ACTOR_UPSERT[ActorKind.PERSON]
    assert "a:Person" in query and "REMOVE a:Organization:Country:Place" in query


def test_queries_have_no_formatting_holes_and_only_known_labels() -> None:
    queries = all_queries()
    assert len(queries) > 30
    for query in queries:
        assert not FORMAT_HOLE.search(query), query
        assert set(LABEL.findall(query)) <= ALLOWED, query
        for hostile in HOSTILE:
            assert hostile not in query


def test_query_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        q.ACTOR_UPSERT[ActorKind.PERSON] = "MATCH (n) DETACH DELETE n"  # type: ignore[index]


def test_enum_tokens_must_be_identifiers() -> None:
    class Bad(StrEnum):
        EVIL = "X` DETACH DELETE n //"

    with pytest.raises(ValueError, match="not a safe Cypher token"):
        q.query_table("MATCH (a:__T__) RETURN a", Bad)
    assert q.enum_token(InteractionType.MET_WITH) == "MET_WITH"


def test_split_statements() -> None:
    text = "// header; with a semicolon\nCREATE A;\n\n  // note\nCREATE B\n  ON (x);\n"
    assert q.split_statements(text) == ["CREATE A", "CREATE B\n  ON (x)"]


# -- rows -------------------------------------------------------------------------------


def test_actor_row_round_trips_every_field() -> None:
    row = q.actor_row(QAANI)
    assert row["id"] == QAANI.id
    assert row["props"]["aliases"] == list(QAANI.aliases)
    assert row["props"]["search_text"] == " ; ".join(QAANI.names)
    assert row["props"]["parent"] is None  # None is sent (SET += removes the property)
    assert json.loads(row["props"]["roles_json"])[0]["org"] == "qods-force"
    back = q.actor_from_props({k: v for k, v in row["props"].items() if v is not None})
    assert back == QAANI
    assert back.roles == (Role("commander", "qods-force", "2020-01-03"),)


def test_document_props_round_trip() -> None:
    doc = extraction("d.txt", title="T", period_start="2021-01-01").document
    props = q.document_props(doc)
    assert set(props) == {f.name for f in dataclasses.fields(doc)}
    assert q.document_from_props({k: v for k, v in props.items() if v is not None}) == doc


def test_claim_and_relationship_rows_carry_parallel_evidence() -> None:
    it = meeting("a.txt", "x", "y", "2021-11", "quote", place="baghdad")
    it.evidence.append(evidence("a.txt", "second", start=40, cited_source="Tasnim"))
    claim = q.claim_from_interaction("a.txt", it)
    assert claim["cited_sources"] == ["", "Tasnim"]  # no nulls inside Neo4j lists
    assert {len(claim[k]) for k in q.EVIDENCE_LISTS} == {2}
    assert q.claim_to_interaction(claim) == it
    row = q.relationship_row(it)
    assert (row["id"], row["source"], row["target"]) == (it.id, "x", "y")
    assert row["props"]["date_precision"] == "month"
    assert row["props"]["quotes"] == ["quote", "second"]
    assert set(row["props"]) >= {"id", "date", "status", "mode", "implicit", "place", "documents"}


def test_relationship_row_from_a_documents_own_claim_equals_the_merged_row() -> None:
    it = meeting("a.txt", "x", "y", "2021-11", "quote", place="baghdad", mode="phone")
    it.evidence.append(evidence("a.txt", "second", start=40, cited_source="Tasnim"))
    unknown = attack("a.txt", None, "base", None)
    doc = extraction("a.txt", interactions=[it, unknown, meeting("a.txt", "p", "q", "2020")])
    for claim in q.plan_document(doc).claims:
        slow = q.relationship_row(q.merge_claim_rows([claim]))
        assert q.relationship_row_from_claim(claim) == slow


def test_confidence_travels_on_claims_and_relationships() -> None:
    scored = meeting("a.txt", "x", "y", "2021", confidence=0.625)
    never = meeting("a.txt", "p", "q", "2021")
    for it in (scored, never):
        claim = q.claim_from_interaction("a.txt", it)
        assert claim["confidence"] == it.confidence
        assert q.claim_to_interaction(claim).confidence == it.confidence
        row = q.relationship_row(it)
        assert row["props"]["confidence"] == it.confidence
        back = q.interaction_from_props("MET_WITH", row["source"], row["target"], row["props"])
        assert back.confidence == it.confidence
    # Neo4j stores no null property: a claim read back may lack the key altogether
    claim = q.claim_from_interaction("a.txt", never)
    del claim["confidence"]
    assert q.claim_to_interaction(claim).confidence is None
    other = q.claim_from_interaction("b.txt", meeting("b.txt", "y", "x", "2021", confidence=0.5))
    merged = q.merge_claim_rows([other, q.claim_from_interaction("a.txt", scored)])
    assert merged.confidence == 0.625  # the highest of the claims
    assert q.merge_claim_rows([claim]).confidence is None


def test_unknown_source_goes_to_the_placeholder_and_back() -> None:
    it = attack("b.txt", None, "base", "2021")
    row = q.relationship_row(it)
    assert row["source"] == q.UNKNOWN_ACTOR_ID
    back = q.interaction_from_props("ATTACKED", row["source"], row["target"], row["props"])
    assert back.source is None and back.id == it.id


def test_merge_claim_rows_matches_the_sqlite_merge() -> None:
    a = meeting("a.txt", "x", "y", "2021-11-07", "A says", status=ClaimStatus.REPORTED)
    a.place = "baghdad"
    b = meeting("b.txt", "y", "x", "2021-11-07", "B says", cited_source="Tasnim", mode="phone")
    rows = [q.claim_from_interaction("b.txt", b), q.claim_from_interaction("a.txt", a)]
    merged = q.merge_claim_rows(rows)
    assert merged == merge_claims([a, b])  # document order, whatever the row order
    assert (merged.source, merged.status, merged.place, merged.mode) == (
        "x",
        ClaimStatus.ASSERTED,
        "baghdad",
        "phone",
    )
    assert [e.quote for e in merged.evidence] == ["A says", "B says"]
    with pytest.raises(ValueError):
        q.merge_claim_rows([])


def test_plan_document_groups_rows() -> None:
    doc = "d.txt"
    first = meeting(doc, "x", "y", "2021-05-01", "Overview.")
    second = meeting(doc, "x", "y", "2021-05-01", "Body.")
    second.evidence[0] = Evidence(doc, 500, 505, "Body.")
    ex = extraction(
        doc,
        actors=[person("x", "X"), person("y", "Y"), QAANI],
        interactions=[first, second, attack(doc, None, "y")],
    )
    plan = q.plan_document(ex)
    assert plan.document_id == doc and plan.props["id"] == doc
    assert set(plan.actors) == {ActorKind.PERSON} and len(plan.actors[ActorKind.PERSON]) == 3
    assert plan.mention_ids == sorted(["x", "y", QAANI.id])
    assert len(plan.claims) == 2  # the duplicate meeting became one claim
    (met,) = [c for c in plan.claims if c["type"] == "MET_WITH"]
    assert met["quotes"] == ["Overview.", "Body."] and met["document"] == doc
    assert {t: len(ids) for t, ids in plan.claim_ids().items()} == {
        InteractionType.MET_WITH: 1,
        InteractionType.ATTACKED: 1,
    }


def test_hostile_strings_travel_as_parameters_verbatim() -> None:
    for hostile in HOSTILE:
        bad = person(hostile, hostile, hostile, country=hostile)
        it = meeting(hostile, hostile, QAANI.id, "2021", hostile, hostile, mode=hostile)
        plan = q.plan_document(extraction(hostile, actors=[bad], interactions=[it], title=hostile))
        (row,) = plan.actors[ActorKind.PERSON]
        assert row["id"] == hostile and row["props"]["name"] == hostile
        assert plan.claims[0]["quotes"] == [hostile] and plan.claims[0]["mode"] == hostile
        assert plan.props["title"] == hostile
        assert q.claim_node_row(plan.claims[0])["key"] == f"{hostile}|{it.id}"


def test_metric_rows_validate_names_and_values() -> None:
    rows = q.metric_rows({"b": {"degree": 2}, "a": {"pagerank": 0.5, "betweenness": 0.1}})
    assert rows == [
        {"id": "a", "metrics": {"pagerank": 0.5, "betweenness": 0.1}},
        {"id": "b", "metrics": {"degree": 2.0}},
    ]
    for bad in ({"name": 1.0}, {"degree": float("nan")}, {"degree": True}, {"degree": "3"}):
        with pytest.raises(ValueError):
            q.metric_rows({"a": bad})  # type: ignore[dict-item]


# -- saved queries ----------------------------------------------------------------------

SAVED = sorted(p for p in CYPHER.glob("*.cypher") if p.name != "schema.cypher")


def parse_saved(path: Path) -> tuple[list[str], dict[str, Any], str]:
    """(header comment lines, declared :param values, body)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    while lines and lines[0].startswith("//"):
        header.append(lines.pop(0))
    params = {}
    for line in header:
        if m := PARAM_LINE.match(line):
            params[m[1]] = json.loads(m[2])
    return header, params, "\n".join(lines)


def test_the_saved_queries_exist() -> None:
    names = {p.stem for p in SAVED}
    assert names >= {
        "tehran_to_proxies",
        "met_with_in_window",
        "actor_timeline",
        "top_brokers",
        "relationship_evidence",
        "contested_claims",
        "actors_by_centrality",
    }


@pytest.mark.parametrize("path", [*SAVED, CYPHER / "schema.cypher"], ids=lambda p: p.name)
def test_cypher_file_header_params_and_no_formatting(path: Path) -> None:
    header, params, body = parse_saved(path)
    assert len(header) >= 2 and len(header[0]) > 20, "a header comment says what it answers"
    used = set(re.findall(r"\$(\w+)", body))
    assert used == set(params), f"declared {sorted(params)}, used {sorted(used)}"
    assert not FORMAT_HOLE.search(body.replace("{.*}", ""))
    assert set(LABEL.findall(body)) <= ALLOWED
    lowered = body.lower()
    assert "apoc." not in lowered and "vector" not in lowered
    assert not re.search(r"\bCALL\s*\(", body), "no CALL (x) {} scope syntax (5.13 compatible)"


def test_schema_covers_every_relationship_type_and_the_fulltext_index() -> None:
    statements = q.split_statements((CYPHER / "schema.cypher").read_text(encoding="utf-8"))
    assert all("IF NOT EXISTS" in s for s in statements)
    text = "\n".join(statements)
    for t in InteractionType:
        assert f"[r:{t.value}]-() ON (r.id)" in text
    for k in AffiliationKind:  # affiliations are released by key
        assert f"[r:{k.value}]-() ON (r.key)" in text
    assert "REQUIRE a.id IS UNIQUE" in text and "REQUIRE c.key IS UNIQUE" in text
    assert "FULLTEXT INDEX actor_names" in text and "a.search_text" in text


def test_style_grass_styles_every_label_and_type() -> None:
    grass = (CYPHER / "style.grass").read_text(encoding="utf-8")
    for member in [*ActorKind, *InteractionType, *AffiliationKind]:
        assert re.search(rf"\.{member.value} \{{", grass), member
    assert 'caption: "{name}"' in grass and 'caption: "<type> {date}"' in grass


# -- benchmark data ---------------------------------------------------------------------


def load_bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks/bench_neo4j_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_generator_is_deterministic_and_complete() -> None:
    bench = load_bench()
    docs = list(bench.generate_documents(40, 250, per_document=60, seed=3))
    assert [len(d.interactions) for d in docs] == [60, 60, 60, 60, 10]
    ids = [it.id for d in docs for it in d.interactions]
    assert len(set(ids)) == 250  # distinct interactions
    assert {a.id for d in docs for a in d.actors} == {f"a{i:06d}" for i in range(40)}
    for d in docs:
        named = {x for it in d.interactions for x in (it.source, it.target)}
        assert named == {a.id for a in d.actors}
        assert all(e.document == d.document.id for it in d.interactions for e in it.evidence)
    again = [
        it.id
        for d in bench.generate_documents(40, 250, per_document=60, seed=3)
        for it in d.interactions
    ]
    assert again == ids
    other = [
        it.id
        for d in bench.generate_documents(40, 250, per_document=60, seed=4)
        for it in d.interactions
    ]
    assert other != ids
    assert all(
        isinstance(it, Interaction) and it.source != it.target
        for d in docs
        for it in d.interactions
    )
