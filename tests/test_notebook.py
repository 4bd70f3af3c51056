"""The exploration notebook runs from top to bottom on the seed reports."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def _outputs(nb: object) -> tuple[str, list[str]]:
    text, mimes = [], []
    for cell in nb.cells:  # type: ignore[attr-defined]
        for out in cell.get("outputs", []):
            text.append(out.get("text", ""))
            data = out.get("data", {})
            mimes.extend(data)
            text.extend(v for k, v in data.items() if k in ("text/plain", "text/markdown"))
    return "\n".join(text), mimes


@pytest.mark.slow
def test_notebook_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    try:
        from actornet.pipeline import ingest_paths  # noqa: F401
    except ImportError:
        pytest.skip("the ingestion pipeline is not importable yet")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("ACTORNET_SEEDS", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # runs from any folder
    )
    client.execute()
    text, mimes = _outputs(nb)
    assert "image/svg+xml" in mimes  # the network picture
    assert "text/markdown" in mimes  # the tables
    assert "strength" in text and "“" in text  # paths with their quotes
    assert "Degree (distinct partners)" in text and "Severity" in text
    assert "| Confidence | at least " in text  # the report's threshold, as `actornet report`
    assert "NEO4J_URI is not set" in text


def test_notebook_only_calls_the_library() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "def " not in code and "class " not in code and "lambda" not in code
    assert "import networkx" not in code  # analysis goes through actornet


def test_notebook_reads_what_the_commands_read() -> None:
    """The report is built from the judged store with the confidence filter, as `actornet
    report` builds it (`actornet.store.confident`), never from the raw store."""
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "confident(judged(store))" in code
    assert "build_report(store" not in code and "load_from(store)" not in code


def test_the_seed_reports_are_found_from_any_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from actornet.resources import seed_reports_dir

    monkeypatch.delenv("ACTORNET_SEEDS", raising=False)
    monkeypatch.chdir(Path("/"))
    assert len(sorted(seed_reports_dir().glob("*.txt"))) == 5


def test_the_notebook_is_committed_with_its_outputs() -> None:
    """A reader on a code host sees the results without running anything."""
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code)
    _text, mimes = _outputs(nb)
    assert "image/svg+xml" in mimes and "text/markdown" in mimes
