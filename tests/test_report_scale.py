"""The report's data path at scale: bulk store reads, indexed flag rules, --timings.

Each fast path is checked against an independent slow one: the store's merged reads
against `merge_claims` over each document's own claims, the indexed contradiction and
alias rules against a pairwise scan of the same records.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from actornet.analysis.flags import _compatible, _pair, _Postings, _trigrams, flags
from actornet.analysis.synthetic import synthetic_extractions, synthetic_network
from actornet.cli import main
from actornet.model import ClaimStatus, Interaction, normalise_name
from actornet.store.lookup import merge_claims
from actornet.store.sqlite import SqliteStore
from factories import KADHIMI, NUJABA, QAANI, extraction, meeting


def _varied() -> list:
    """Claims of one interaction that differ in date precision, status, place, mode and
    confidence across three documents, plus a claim with two quotes in one document."""
    base = meeting("d1.txt", QAANI.id, KADHIMI.id, "2021-11", quote="Qaani met Kadhimi.")
    finer = dataclasses.replace(
        meeting("d2.txt", QAANI.id, KADHIMI.id, "2021-11-07", quote="They met on the 7th."),
        id=base.id,
        status=ClaimStatus.REPORTED,
        place="baghdad",
        confidence=0.4,
    )
    third = dataclasses.replace(
        meeting("d3.txt", QAANI.id, KADHIMI.id, "2021", cited_source="IRNA; Mehr"),
        id=base.id,
        mode="in person",
        implicit=True,
        confidence=0.9,
    )
    two = meeting("d3.txt", NUJABA.id, KADHIMI.id, "2020", quote="Nujaba met Kadhimi.")
    two.evidence.append(dataclasses.replace(two.evidence[0], start=40, end=59))
    actors = [QAANI, KADHIMI, NUJABA]
    return [
        extraction("d1.txt", actors, [base]),
        extraction("d2.txt", actors[:2], [finer]),
        extraction("d3.txt", actors, [third, two]),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    path = tmp_path_factory.mktemp("scale") / "syn.db"
    s = SqliteStore(path)
    for ext in synthetic_extractions(synthetic_network(3000, seed=2)) + _varied():
        s.replace_document(ext)
    yield s
    s.close()


def test_bulk_reads_equal_merge_claims_over_each_documents_claims(store: SqliteStore) -> None:
    claims: dict[str, list[Interaction]] = defaultdict(list)
    for doc in sorted(d.id for d in store.documents()):
        ext = store.extraction(doc)
        assert ext is not None
        for claim in ext.interactions:
            claims[claim.id].append(claim)
    expected = sorted(
        (merge_claims(c) for c in claims.values()), key=lambda i: (i.date or "", i.id)
    )
    got = store.interactions()
    assert len(got) == len(expected) > 3000 * 0.9
    assert got == expected
    merged = next(i for i in got if i.source == QAANI.id and i.target == KADHIMI.id)
    assert (merged.date, merged.status, merged.place, merged.mode) == (
        "2021-11-07", ClaimStatus.ASSERTED, "baghdad", "in person"
    )  # fmt: skip
    assert merged.confidence == 0.9 and not merged.implicit and len(merged.evidence) == 3


def test_actors_keep_every_surface_form_a_document_saw(store: SqliteStore) -> None:
    qaani = next(a for a in store.actors() if a.id == QAANI.id)
    assert qaani.aliases == QAANI.aliases and qaani.roles == QAANI.roles
    assert len(store.actors()) == store.stats()["actors"]


def _contradictions_pairwise(its: list[Interaction]) -> set[tuple[str, str]]:
    out = set()
    for d in its:
        for c in its:
            if (
                d.status == ClaimStatus.DENIED
                and c.status != ClaimStatus.DENIED
                and (d.type, _pair(d)) == (c.type, _pair(c))
                and _compatible(d.date, c.date)
            ):
                out.add((c.id, d.id))
    return out


def test_contradictions_found_through_the_date_index_are_the_pairwise_ones() -> None:
    """Many claims on few pairs, dates of every precision, many denials."""
    syn = synthetic_network(400, seed=7)
    its = []
    dates = [None, "2019", "2019-03", "2019-03-04", "2019-03-05", "2019-04", "2020", "2019-3"]
    for n, it in enumerate(syn.interactions):
        its.append(
            dataclasses.replace(
                it,
                source=f"a{n % 3}",
                target=f"a{(n + 1) % 3}",
                date=dates[n % len(dates)],
                status=ClaimStatus.DENIED if n % 4 == 0 else it.status,
                id=f"c{n}",
            )
        )
    found = {f.interactions for f in flags([], its, min_confidence=0) if f.kind == "contradiction"}
    expected = _contradictions_pairwise(its)
    assert len(expected) > 1000
    assert found == expected


def test_alias_candidates_from_the_rarest_trigrams_are_the_pairwise_ones() -> None:
    actors = synthetic_network(20000, seed=3).actors
    keys = {a.id: {normalise_name(n) for n in a.names} - {""} for a in actors}
    every: dict[str, set[str]] = {}
    for actor_id, names in keys.items():
        every[actor_id] = set().union(*(_trigrams(k) for k in names))
    postings = _Postings(every)
    checked = 0
    for a in actors:
        if a.origin != "discovered":
            continue
        for key in keys[a.id]:
            grams = _trigrams(key)
            pairwise = sorted(
                o for o in keys if o != a.id and len(grams & every[o]) >= len(grams) * 0.5
            )
            assert postings.sharing(grams, a.id) == pairwise
            checked += len(pairwise)
    assert checked > 50
    found = [f for f in flags(actors, [], place_words={}) if f.kind == "alias_review"]
    assert found and all(
        max(
            difflib.SequenceMatcher(None, x, y).ratio()
            for x in keys[f.actors[0]]
            for y in keys[f.actors[1]]
        )
        >= 0.88
        for f in found
    )


def test_report_timings(store: SqliteStore, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    runner = CliRunner()
    args = ["report", "--db", store.path, "--format", "json", "-o", str(out), "--timings"]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = [x for x in result.stderr.splitlines() if x.startswith("timings: ")]
    phases = [x.split()[1] for x in lines]
    for name in ("read", "flags", "graph", "collapse", "paths", "render", "total"):
        assert name in phases
    data = json.loads(out.read_text())
    assert {"read", "flags", "graph", "collapse", "centrality_by_period"} <= set(data["timings"])
    assert all(s >= 0 for s in data["timings"].values())
    assert data["flags"]["total"] == sum(c["count"] for c in data["flags"]["by_kind"])
    plain = runner.invoke(main, ["report", "--db", store.path, "--format", "json"])
    assert "timings" not in json.loads(plain.stdout)


def test_a_released_report_is_freed_without_the_cyclic_collector(store: SqliteStore) -> None:
    """A networkx graph is a reference cycle (its cached views refer back to it), so a
    dropped report waits for the collector; `release` empties its graphs, and what they
    held goes at once, by reference counting (the CLI's exit at 10^6 took 40 s without)."""
    import gc
    import weakref

    from actornet.report.build import build_report

    class Held:  # something an edge holds, that a weak reference can watch
        pass

    def watched() -> tuple[object, weakref.ref]:
        report = build_report(store)
        held = Held()
        u, v, key = next(iter(report.graph.edges(keys=True)))
        report.graph.edges[u, v, key]["probe"] = held
        _ = report.graph.nodes, report.collapsed.adj  # the cached views, as renderers make them
        return report, weakref.ref(held)

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        report, kept = watched()
        del report
        assert kept() is not None  # the cycle keeps it: this is what `release` is for
        report, freed = watched()
        report.release()
        del report
        assert freed() is None
    finally:
        if was_enabled:
            gc.enable()
