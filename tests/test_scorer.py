"""The learned decision: every fact gets a confidence from the shipped model, proposals the
rules would drop are kept as candidates with the feature that would have dropped them, and
retraining on the gold gives the shipped model again.

Sentences are our own, never taken from the development set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actornet.confidence import default_min_confidence, passes
from actornet.extract.actors.gazetteer import cached_gazetteer
from actornet.extract.actors.lexicon import loose_triggers
from actornet.extract.extractor import KEEP_FLOOR, extract, extract_candidates
from actornet.extract.scorer.model import DecisionModel, shipped_model
from actornet.extract.scorer.train import MODEL_PATH, genre_of, main, markdown_table
from actornet.ingest import read_document
from actornet.model import Interaction, InteractionType

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
DEV = ROOT.parent / "shared" / "dev"


def _doc(tmp_path: Path, body: str):
    path = tmp_path / "note.txt"
    path.write_text(f"A test note\nTest Agency, March 2021\n\n{body}\n", encoding="utf-8")
    return read_document(path)


def test_the_shipped_model_is_readable_and_sets_the_default_threshold() -> None:
    model = shipped_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert default_min_confidence() == model.threshold
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    assert set(data["cross_validation"]["per_genre"]) == {
        "seeds", "gv", "tr", "wp", "kr", "wn", "cr",
    }  # fmt: skip
    # readable feature names, e.g. how a candidate was proposed
    assert any(name.startswith("via=") for name in model.weights)


def test_probability_is_a_logistic_sum_of_weights() -> None:
    model = DecisionModel(intercept=-1.0, weights={"a": 2.0, "b": -0.5}, threshold=0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828459045))
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045**-1))
    assert model.probability({"a": 1.0, "b": 1.0, "unknown": 1.0}) == pytest.approx(
        1 / (1 + 2.718281828459045**-0.5)
    )
    assert model.explain({"a": 1.0, "b": 1.0}) == [("a", 2.0), ("b", -0.5)]


def test_every_extracted_fact_has_a_confidence(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "On 2 March, Iranian Foreign Minister Hossein Amir-Abdollahian met with Syrian "
        "President Bashar al-Assad in Damascus. Israeli jets struck a convoy near Homs.",
    )
    result = extract(doc, cached_gazetteer())
    assert result.interactions
    for i in result.interactions:
        assert i.confidence is not None and KEEP_FLOOR <= i.confidence <= 1.0


def test_candidates_carry_the_proposer_that_found_them(tmp_path: Path) -> None:
    # a headline-like fragment: no rule reads it; the loose proposer pairs the nationality
    # before the trigger word with the place after it
    doc = _doc(tmp_path, "Iranian bombardment, Erbil, 13 March.")
    result, features = extract_candidates(doc, cached_gazetteer())
    assert len(result.interactions) == len(features)
    loose = [
        (i, f) for i, f in zip(result.interactions, features, strict=True) if f.get("via=loose")
    ]
    assert loose, [(i.type, i.source, i.target) for i in result.interactions]
    i, f = loose[0]
    assert i.type is InteractionType.ATTACKED and i.target == "erbil"
    assert i.source == "iran" and f["trig=bombardment"] == 1.0
    assert i.confidence is None  # undecided: these are the training candidates


def test_a_parse_veto_stays_a_rule_even_for_candidates(tmp_path: Path) -> None:
    # the token rules read Sudan as the attacker; the parse says the verb's subject is Israel
    doc = _doc(tmp_path, "Sudan claimed that Israel bombed Khartoum.")
    result, _ = extract_candidates(doc, cached_gazetteer())
    attackers = {i.source for i in result.interactions}
    assert "israel" in attackers and "sudan" not in attackers


def test_a_loose_proposal_takes_over_no_rule_record(tmp_path: Path) -> None:
    # the unknown attacker's strike is not folded into the loose "Lebanon -> commander" pair
    doc = _doc(
        tmp_path,
        "A drone strike on a car in southern Lebanon killed a Hamas commander on Tuesday.",
    )
    result, features = extract_candidates(doc, cached_gazetteer())
    kept = {
        (i.source, i.target)
        for i, f in zip(result.interactions, features, strict=True)
        if f.get("rule_kept")
    }
    assert (None, "commander-of-hamas") in kept, kept


def test_loose_trigger_words_are_data() -> None:
    words = loose_triggers()
    assert words["airstrikes"] is InteractionType.ATTACKED
    assert words["memorandum"] is InteractionType.SIGNED_AGREEMENT


def test_confirmed_or_unscored_facts_pass_any_threshold() -> None:
    low = Interaction(InteractionType.ATTACKED, "a", "b", confidence=0.05)
    assert not passes(low, None)
    assert passes(low, 0.0)
    low.confirmed_by = ("analyst",)
    assert passes(low, 0.99)
    assert passes(Interaction(InteractionType.ATTACKED, "a", "b"), 0.99)


@pytest.mark.parametrize(
    ("report", "genre"),
    [("000_2d637cc010da38fd.txt", "seeds"), ("gv-01.txt", "gv"), ("cr-04.txt", "cr")],
)
def test_genres_are_read_from_report_names(report: str, genre: str) -> None:
    assert genre_of(report) == genre


@pytest.mark.slow
@pytest.mark.skipif(
    not (GOLD / "interactions.json").exists() or not (DEV / "texts").is_dir(),
    reason="gold annotations (../shared/gold, ../shared/dev) not available",
)
def test_retraining_gives_the_shipped_model(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    assert main(["--gold", str(GOLD), "--gold", str(DEV), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == MODEL_PATH.read_text("utf-8")


def test_items_with_date_lines_date_their_own_events(tmp_path: Path) -> None:
    # a text that joins dated items: "today" and "yesterday" count from each item's date line
    path = tmp_path / "statements.txt"
    path.write_text(
        "Statements on the region, 2023\n"
        "Office of the Spokesperson, March 1, 2023 - June 30, 2023\n\n"
        "Secretary Lind's Meeting with Foreign Minister Haddad\n\n"
        "March 14, 2023\n\n"
        "Secretary Lind met today with Jordanian Foreign Minister Omar Haddad in Amman.\n\n"
        "Strikes on Erbil\n\n"
        "The White House, June 2, 2023\n\n"
        "Iranian missiles struck Erbil yesterday.\n",
        encoding="utf-8",
    )
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    dates = {i.type.value: i.date for i in result.interactions}
    assert dates.get("MET_WITH") == "2023-03-14", dates
    assert dates.get("ATTACKED") == "2023-06-01", dates


def test_the_quality_page_shows_the_shipped_models_figures() -> None:
    page = (ROOT / "docs" / "quality.md").read_text("utf-8")
    shipped = markdown_table(json.loads(MODEL_PATH.read_text("utf-8")))
    assert shipped in page, "regenerate: python -m actornet.extract.scorer.train --table"
