"""PDF text as prose: a report printed to PDF reads back as the same text as its .txt."""

from __future__ import annotations

import difflib
import os
from collections import Counter
from pathlib import Path

import pytest

from actornet.evaluate import load_gold, score
from actornet.export import export_json
from actornet.ingest import read_document
from actornet.ingest.prose import pages_to_prose, repair_hyphenation, strip_running_lines
from actornet.pipeline import ingest_paths
from actornet.store.sqlite import SqliteStore
from pdfprint import print_to_pdf, wrap

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD_CANDIDATES = [os.environ.get("ACTORNET_GOLD", ""), ROOT.parent / "shared" / "gold"]
GOLD = next(
    (Path(p) for p in GOLD_CANDIDATES if p and Path(p, "entities.json").exists()),
    None,
)


def _words(text: str) -> list[str]:
    return text.split()


def _printed(seed: Path, folder: Path, align: str) -> tuple[str, str]:
    """(the .txt document's text, the text read back from its PDF)."""
    text = read_document(seed).text
    pdf = folder / f"{seed.stem}.pdf"
    pdf.write_bytes(print_to_pdf(text, align=align))
    return text, read_document(pdf).text


@pytest.mark.parametrize("align", ["", "J"], ids=["90-chars-hyphenated", "justified"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_pdf_text_equals_the_txt(seed: Path, tmp_path: Path, align: str) -> None:
    text, from_pdf = _printed(seed, tmp_path, align)
    matcher = difflib.SequenceMatcher(None, _words(text), _words(from_pdf), autojunk=False)
    assert matcher.ratio() >= 0.98
    assert "Page 2" not in from_pdf and "ITIC" not in from_pdf  # footer and running header
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    lines = {line.strip() for line in from_pdf.split("\n")}
    kept = sum(p in lines for p in paragraphs) / len(paragraphs)
    assert kept >= 0.7, "paragraph breaks lost"


def test_the_helper_really_wraps_and_hyphenates() -> None:
    text = " ".join(SEEDS[0].read_text(encoding="utf-8").split("\n"))
    lines = wrap(text)
    assert len(lines) > 50 and max(map(len, lines)) <= 90
    assert sum(line.endswith("-") for line in lines) >= 3


def test_paragraphs_headings_bullets_and_hyphens() -> None:
    pages = [
        "Weekly Report\n"
        "Overview\n"
        "• The minister said that the security coopera-\n"
        "tion with the neighbouring country had grown over the\n"
        "past year.\n"
        "A new paragraph starts here and runs on to fill the whole\n"
        "line; it ends here.\n"
        "Page 1",
        "Weekly Report\n"
        "Iranian Involvement in Syria\n"
        "• On May 3, the so-called resistance axis met, and the so-\n"
        "called axis said so.\n"
        "Page 2",
    ]
    assert pages_to_prose(pages) == (
        "Overview\n"
        "• The minister said that the security cooperation with the neighbouring country had "
        "grown over the past year.\n"
        "A new paragraph starts here and runs on to fill the whole line; it ends here.\n"
        "Iranian Involvement in Syria\n"
        "• On May 3, the so-called resistance axis met, and the so-called axis said so."
    )


def test_running_lines_need_to_repeat() -> None:
    pages = [["Header", "Text one", "3"], ["Header", "Text two", "Page 4 of 9"], ["Other", "x"]]
    assert strip_running_lines(pages) == [["Text one"], ["Text two"], ["Other", "x"]]
    assert strip_running_lines([["Title", "Body", "1"]]) == [["Title", "Body"]]


@pytest.mark.parametrize(
    ("text", "vocabulary", "expected"),
    [
        ("coopera-\ntion", {}, "cooperation"),
        ("so-\ncalled", {"so": 2, "called": 1}, "so-called"),
        ("long-\nstanding", {"long-standing": 1, "long": 1, "standing": 1}, "long-standing"),
        ("re-\nsponse", {"response": 1, "re": 1, "sponse": 1}, "response"),
        ("Iran-\nbacked", {}, "Iran-backed"),
    ],
)
def test_hyphen_repair_uses_the_documents_vocabulary(
    text: str, vocabulary: dict[str, int], expected: str
) -> None:
    assert repair_hyphenation(text, Counter(vocabulary)) == expected


def test_pdf_quotes_are_verbatim(tmp_path: Path) -> None:
    for seed in SEEDS[:2]:
        (tmp_path / f"{seed.stem}.pdf").write_bytes(print_to_pdf(read_document(seed).text))
    with SqliteStore(tmp_path / "s.db") as store:
        assert ingest_paths([tmp_path], store).ok
        texts = {d.id: d.text for d in store.documents()}
        evidence = [e for i in store.interactions() for e in i.evidence]
    assert len(evidence) > 20
    assert all(texts[e.document][e.start : e.end] == e.quote for e in evidence)


@pytest.mark.skipif(GOLD is None, reason="gold annotations (../shared/gold) not available")
def test_pdf_scores_within_003_of_the_txt(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdf"
    pdfs.mkdir()
    for seed in SEEDS:
        (pdfs / f"{seed.stem}.pdf").write_bytes(print_to_pdf(read_document(seed).text))
    f1 = {}
    for name, folder in (("txt", ROOT / "seeds"), ("pdf", pdfs)):
        with SqliteStore(tmp_path / f"{name}.db") as store:
            assert ingest_paths([folder], store).ok
            scores = score(load_gold(GOLD), export_json(store)).to_dict()
        f1[name] = scores["strict"]["overall"]["f1"]
    assert f1["pdf"] >= f1["txt"] - 0.03, f1
