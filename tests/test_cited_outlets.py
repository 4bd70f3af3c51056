"""A cited outlet is an outlet: never a date, one outlet per name, several split at ";"."""

from __future__ import annotations

from pathlib import Path

from actornet.analysis.graph import build_multigraph
from actornet.extract.actors.gazetteer import load_gazetteer
from actornet.extract.extractor import extract
from actornet.model import Document, Evidence, Interaction, InteractionType
from actornet.report.listings import timeline_listing, timeline_tables
from actornet.store.sqlite import SqliteStore
from factories import extraction, meeting, person

GAZ = load_gazetteer(Path(__file__).parent / "data" / "gazetteer_min.yaml", geonames=False)
HEADER = "Spotlight on Iran\n\nMarch 1, 2021 – March 15, 2021 Editor: Test\nOverview\n  • "


def meetings(body: str) -> list[Interaction]:
    text = HEADER + body + "\n"
    doc = Document(
        "t.txt", "t.txt", text, Document.hash_text(text), "T", "2021-03-01", "2021-03-15", True
    )
    return [i for i in extract(doc, GAZ).interactions if i.type == InteractionType.MET_WITH]


def test_a_date_alone_in_parentheses_is_no_outlet() -> None:
    for cite in ("(March 3)", "(3 March)", "(mid-March)", "(March 3-4, 2021)"):
        (it,) = meetings(f"On March 3, Mohammad Javad Zarif met with Bashar al-Assad {cite}.")
        assert it.evidence[0].cited_source is None, cite
        assert it.date == "2021-03-03"  # the citation still tells no event date
    (it,) = meetings("On March 3, Mohammad Javad Zarif met with Bashar al-Assad (Tasnim, March 3).")
    assert it.evidence[0].cited_source == "Tasnim"


def test_two_outlets_are_kept_and_listed_one_by_one() -> None:
    (it,) = meetings(
        "On March 3, Mohammad Javad Zarif met with Bashar al-Assad (IRNA; Mehr, March 3)."
    )
    assert it.evidence[0].cited_source == "IRNA; Mehr"  # stored as told
    assert it.evidence[0].cited_outlets == ("IRNA", "Mehr")
    assert it.cited_sources == ["IRNA", "Mehr"]


def test_name_variants_are_one_outlet() -> None:
    (it,) = meetings(
        "On March 3, Mohammad Javad Zarif met with Bashar al-Assad "
        "(the Tasnim News Agency, March 3; Tasnin, March 4)."
    )
    assert it.evidence[0].cited_source == "Tasnim"


def test_a_store_lists_each_outlet_once_as_reported_by(tmp_path: Path) -> None:
    a, b = person("a", "Ali Alpha"), person("b", "Bashir Beta")
    one = meeting("d1.txt", "a", "b", "2021-03-03", "Ali Alpha met Bashir Beta.", "IRNA; Mehr")
    two = meeting("d2.txt", "a", "b", "2021-03-03", "Alpha and Beta met.", "Mehr")
    with SqliteStore(tmp_path / "s.db") as store:
        store.replace_document(extraction("d1.txt", [a, b], [one]))
        store.replace_document(extraction("d2.txt", [a, b], [two]))
        (it,) = store.interactions()
        assert sorted(e.cited_source or "" for e in it.evidence) == ["IRNA; Mehr", "Mehr"]
        assert it.cited_sources == ["IRNA", "Mehr"]
        G = build_multigraph(store.actors(), store.interactions(), store.affiliations())
    (table,) = timeline_tables(timeline_listing(G, "a"))
    assert table.rows[0][table.header.index("Reported by")] == "IRNA, Mehr"


def test_evidence_without_outlet_cites_none() -> None:
    assert Evidence("d", 0, 1, "x").cited_outlets == ()
    assert Evidence("d", 0, 1, "x", cited_source="Fars").cited_outlets == ("Fars",)


def test_an_outlet_of_several_words_named_before_the_trigger() -> None:
    seeds = load_gazetteer(Path(__file__).parents[1] / "seeds" / "gazetteer.yaml", geonames=False)
    text = (
        HEADER + "The newspaper Baghdad al-Youm reported (March 4) that Mohammad Javad Zarif "
        "met with Bashar al-Assad on March 3.\n"
    )
    doc = Document("t.txt", "t.txt", text, Document.hash_text(text), "T", "2021-03-01")
    (it,) = [i for i in extract(doc, seeds).interactions if i.type == InteractionType.MET_WITH]
    assert it.evidence[0].cited_source == "Baghdad Today"
