"""Export the evidence multigraph for Gephi, Cytoscape, yEd and spreadsheets.

GraphML and GEXF cannot hold lists or None, so attributes are flattened: lists become
"; "-joined strings, None becomes "" (every node and edge carries every column, which
Gephi prefers), `evidence` becomes `evidence_count`, `documents` and `quotes`. Each edge
also carries `weight` (its contribution in `collapse`) and a `label` (its type).
Role dates are `role_start`/`role_end` (GEXF reserves `start`/`end` for time spells), and
in GEXF the edge `type` is called `relation` (GEXF reserves `type` for the direction).
Exports include denied claims (filter on `status` in the tool). `confidence` (the learned
scorer's probability, 3 decimals) is a number in GraphML and GEXF, left off the edges of
facts never scored (a column must keep one type), and an empty cell in CSV.

CSV is a folder of plain UTF-8 files (`write_csv`): `actors.csv` (one row per actor),
`interactions.csv` (one row per interaction or standing relation, with its first piece of
evidence: quote, document, start, end, cited_source; `quotes` joins them all with " | ")
and `evidence.csv` (one row per piece of evidence). The interaction type is the column
`relation` (and `label`): Gephi's spreadsheet import reads a column named `type` as the
edge direction.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import networkx as nx

from actornet.analysis.dates import midpoint
from actornet.analysis.graph import edge_weight, graph_from_store
from actornet.export import file_name, rounded_confidence

__all__ = [
    "ACTOR_CSV_COLUMNS",
    "CSV_FILES",
    "EDGE_COLUMNS",
    "EVIDENCE_CSV_COLUMNS",
    "EXPORT_WRITERS",
    "INTERACTION_CSV_COLUMNS",
    "NODE_COLUMNS",
    "STREAM_WRITERS",
    "atomic_write",
    "csv_tables",
    "flat_graph",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

NODE_COLUMNS = ("id", "label", "name", "kind", "country", "proxy", "state", "parent",
                "aliases", "roles", "died", "origin")  # fmt: skip
EDGE_COLUMNS = ("id", "source", "target", "label", "type", "date", "status", "confidence",
                "mode", "place", "role_edge", "title", "role_start", "role_end", "evidence_count",
                "weight", "documents", "cited_sources", "quotes")  # fmt: skip
ACTOR_CSV_COLUMNS = NODE_COLUMNS
INTERACTION_CSV_COLUMNS = ("id", "source", "target", "label", "relation", "date", "status",
                           "confidence", "mode", "place", "role_edge", "title", "role_start",
                           "role_end", "weight", "evidence_count", "quote", "document",
                           "document_path", "start", "end", "cited_source", "documents",
                           "cited_sources", "quotes")  # fmt: skip
EVIDENCE_CSV_COLUMNS = ("interaction", "source", "target", "relation", "date", "status",
                        "confidence", "document", "document_path", "start", "end", "quote",
                        "cited_source", "section")  # fmt: skip
CSV_FILES = ("actors.csv", "interactions.csv", "evidence.csv")
_BOOLS = {"proxy", "state", "role_edge"}
_NUMBERS = {"evidence_count": int, "weight": float}


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(str(_flat(v)) for v in value)
    return str(value)


def _role(role: Any) -> str:
    span = f" {role.start or ''}..{role.end or ''}" if (role.start or role.end) else ""
    return f"{role.title}@{role.org or ''}{span}"


def _node_row(node: str, data: dict[str, Any]) -> dict[str, Any]:
    row = {"id": node, "label": data.get("name") or node}
    for col in NODE_COLUMNS[2:]:
        value = data.get(col)
        if col == "roles":
            value = [_role(r) for r in value or ()]
        row[col] = bool(value) if col in _BOOLS else _flat(value)
    return row


def _edge_row(u: str, v: str, key: str, data: dict[str, Any], as_of: Any) -> dict[str, Any]:
    evidence = data.get("evidence") or ()
    row: dict[str, Any] = {"id": key, "source": u, "target": v, "label": data.get("type", "")}
    for col in EDGE_COLUMNS[4:]:
        if col == "weight":
            row[col] = round(edge_weight(data, as_of), 6)
        elif col == "quotes":
            row[col] = " | ".join(e.quote for e in evidence)
        elif col == "confidence":
            row[col] = _flat(rounded_confidence(data.get(col)))
        elif col in ("role_start", "role_end"):
            row[col] = _flat(data.get(col[5:]))
        elif col in _BOOLS:
            row[col] = bool(data.get(col))
        elif col in _NUMBERS:
            row[col] = _NUMBERS[col](data.get(col) or 0)
        else:
            row[col] = _flat(data.get(col))
    return row


def flat_graph(G: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of G whose attributes are all strings, numbers or booleans.

    With `gexf`, `type` is renamed `relation` (GEXF reserves `type` for edge direction)
    and the edge id is passed as the `id` attribute.
    """
    as_of = G.graph.get("as_of")
    day = midpoint(as_of) if as_of else None
    F = nx.MultiDiGraph()
    F.graph.update({"as_of": as_of or "", "generator": "actornet"})
    for node, data in G.nodes(data=True):
        row = _node_row(node, data)
        row.pop("id")
        F.add_node(node, **row)
    for u, v, key, data in G.edges(keys=True, data=True):
        row = _edge_row(u, v, key, data, day)
        for col in ("source", "target", "id"):
            row.pop(col)
        if row["confidence"] == "":  # never scored: no value rather than a string
            row.pop("confidence")
        if gexf:
            row["relation"] = row.pop("type")
            row["id"] = key
        F.add_edge(u, v, key=key, **row)
    return F


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[Any]:
    """Write to a temporary file next to `path`, then rename it into place.

    A failure leaves no partial file; the result gets the usual permissions (umask).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _graphml(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    nx.write_graphml(flat_graph(G), out, edge_id_from_attribute=None)


def _gexf(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    nx.write_gexf(flat_graph(G, gexf=True), out)


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _sorted_evidence(data: dict[str, Any]) -> list[Any]:
    return sorted(data.get("evidence") or (), key=lambda e: (e.document, e.start, e.end))


def _evidence_cells(e: Any | None) -> dict[str, Any]:
    if e is None:
        return dict.fromkeys(("quote", "document", "document_path", "start", "end"), "") | {
            "cited_source": ""
        }
    return {
        "quote": e.quote,
        "document": file_name(e.document),
        "document_path": e.document,
        "start": e.start,
        "end": e.end,
        "cited_source": e.cited_source or "",
    }


def _interaction_csv_row(u: str, v: str, key: str, data: dict[str, Any], day: Any) -> dict:
    row = _edge_row(u, v, key, data, day)
    row["relation"] = row.pop("type")
    evidence = _sorted_evidence(data)
    row.update(_evidence_cells(evidence[0] if evidence else None))
    return {c: row.get(c, "") for c in INTERACTION_CSV_COLUMNS}


def csv_tables(G: nx.MultiDiGraph) -> dict[str, str]:
    """``{file name: CSV text}`` for `CSV_FILES`; rows in a stable order."""
    as_of = G.graph.get("as_of")
    day = midpoint(as_of) if as_of else None
    nodes = [_node_row(n, d) for n, d in sorted(G.nodes(data=True), key=lambda x: x[0])]
    edges = sorted(
        G.edges(keys=True, data=True),
        key=lambda x: (bool(x[3].get("role_edge")), x[3].get("date") or "", x[2]),
    )
    interactions = [_interaction_csv_row(u, v, k, d, day) for u, v, k, d in edges]
    evidence = []
    for (u, v, k, d), row in zip(edges, interactions, strict=True):
        for e in _sorted_evidence(d):
            evidence.append(
                {
                    "interaction": k,
                    "source": u,
                    "target": v,
                    **{c: row[c] for c in ("relation", "date", "status", "confidence")},
                    **_evidence_cells(e),
                    "section": e.section or "",
                }
            )
    return {
        "actors.csv": _csv_text(ACTOR_CSV_COLUMNS, nodes),
        "interactions.csv": _csv_text(INTERACTION_CSV_COLUMNS, interactions),
        "evidence.csv": _csv_text(EVIDENCE_CSV_COLUMNS, evidence),
    }


def _csv_zip(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in csv_tables(G).items():
            zf.writestr(name, text)


def _interactions_csv(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    out.write(csv_tables(G)["interactions.csv"].encode("utf-8"))


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """GraphML (yEd, Gephi, Cytoscape); edge ids are the interaction ids."""
    with atomic_write(path) as fh:
        _graphml(G, fh)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """GEXF (Gephi)."""
    with atomic_write(path) as fh:
        _gexf(G, fh)


def write_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """actors.csv, interactions.csv and evidence.csv into the folder `path` (made if
    needed), or into a zip when `path` ends in .zip."""
    target = Path(path)
    if target.suffix.lower() == ".zip":
        with atomic_write(target) as fh:
            _csv_zip(G, fh)
        return
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(20, "CSV export writes a folder; this is a file", str(target))
    target.mkdir(parents=True, exist_ok=True)
    for name, text in csv_tables(G).items():
        with atomic_write(target / name, "w") as fh:
            fh.write(text)


def _export_graph(store: Any) -> nx.MultiDiGraph:
    return graph_from_store(store, include_denied=True)


EXPORT_WRITERS: dict[str, Callable[[Any, Path], None]] = {
    "graphml": lambda store, path: write_graphml(_export_graph(store), path),
    "gexf": lambda store, path: write_gexf(_export_graph(store), path),
    "csv": lambda store, path: write_csv(_export_graph(store), path),
}
"""Format -> writer(store, path): for `actornet export --format F -o PATH`."""

STREAM_WRITERS: dict[str, Callable[[Any, IO[bytes]], None]] = {
    "graphml": lambda store, out: _graphml(_export_graph(store), out),
    "gexf": lambda store, out: _gexf(_export_graph(store), out),
    "csv": lambda store, out: _interactions_csv(_export_graph(store), out),
}
"""Format -> writer(store, binary stream), the shape of `query_cmds.WRITERS`; csv writes
interactions.csv alone (plain text)."""
