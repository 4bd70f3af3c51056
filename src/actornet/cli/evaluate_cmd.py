"""`actornet evaluate`: score the store (or an export file) against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from actornet.cli.common import (
    db_option,
    json_option,
    min_confidence_option,
    open_sqlite,
    print_json,
)
from actornet.errors import ActornetError
from actornet.evaluate import SCORED_TYPES, Agreement, Scores, VariantScores, load_gold, score
from actornet.evaluate.scoring import export_documents, match_report

__all__ = ["COMMANDS", "evaluate"]

_TITLES = {"strict": "strict: all gold records", "core": "core: explicit gold records only"}


def _read_export(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ActornetError(f"{path}: no such export file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ActornetError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ActornetError(f"{path}: invalid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise ActornetError(f"{path}: expected a JSON object with 'actors' and 'interactions'")
    return data


def _export_store(db_path: str, min_confidence: float | None) -> dict[str, Any]:
    """The store's JSON export as `actornet export --format json --min-confidence` filters
    it (one filter, `actornet.store.confident`), of the extractor's own output."""
    try:
        from actornet.export import export_json
    except ImportError:
        raise ActornetError(
            "exporting the store is not available in this version; use --predicted EXPORT.json"
        ) from None
    from actornet.store.confident import confident

    store = confident(open_sqlite(db_path, must_exist=True, raw=True), min_confidence)
    try:
        return export_json(store)
    finally:
        store.close()


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _agreement(label: str, a: Agreement) -> str:
    return f"{label}: {a.agree}/{a.total} matched pairs ({_pct(a.fraction)}%)"


def _variant_table(v: VariantScores) -> Table:
    table = Table(title=_TITLES[v.name], title_justify="left")
    table.add_column("type")
    for col in ("tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col, justify="right")
    rows = [(t, v.by_type[t]) for t in SCORED_TYPES] + [("ALL", v.overall)]
    for name, c in rows:
        style = "bold" if name == "ALL" else None
        cells = [str(c.tp), str(c.fp), str(c.fn), _pct(c.precision), _pct(c.recall), _pct(c.f1)]
        table.add_row(name, *cells, style=style, end_section=name == SCORED_TYPES[-1])
    return table


def _report_table(s: Scores) -> Table:
    table = Table(title="by report (P R F1 in %)", title_justify="left")
    table.add_column("report")
    for col in ("tp", "fp", "fn", "P", "R", "F1", "core F1"):
        table.add_column(col, justify="right")
    for report in s.reports:
        c, core = s.strict.by_report[report], s.core.by_report[report]
        table.add_row(
            report,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            _pct(c.precision),
            _pct(c.recall),
            _pct(c.f1),
            _pct(core.f1),
        )
    return table


def _gold_end(name: str | None, actor_id: str | None) -> str:
    """`Name [gold-id]`, or `(unknown)` for a null source."""
    if actor_id is None:
        return "(unknown)"
    return f"{name} [{actor_id}]" if name else f"[{actor_id}]"


def _pred_end(name: str | None, actor_id: str | None, gold_id: str | None) -> str:
    """`Name [predicted-id -> gold-id]`, `unmapped` when no gold entity shares a name."""
    if actor_id is None:
        return "(unknown)"
    shown = f"{name} [{actor_id}" if name else f"[{actor_id}"
    return f"{shown} -> {gold_id or 'unmapped'}]"


def _quote(quote: str | None) -> str:
    return f'    "{quote}"' if quote else "    (no quote)"


def _print_details(console: Console, s: Scores) -> None:
    console.print(Text(f"\nUnmatched gold records ({len(s.unmatched_gold)})", style="bold"))
    for g in s.unmatched_gold:
        flags = " implicit" if g.implicit else ""
        line = (
            f"  {g.id} {g.type}{flags}: {_gold_end(g.source_name, g.source)} -> "
            f"{_gold_end(g.target_name, g.target)} | date {g.date or '-'} | {g.status or '-'}"
        )
        console.print(Text(line))
        console.print(Text(_quote(g.quote), style="dim"))
        if g.near:
            console.print(Text(f"    near: {', '.join(g.near)}", style="yellow"))
    console.print(Text(f"\nUnmatched predictions ({len(s.unmatched_predictions)})", style="bold"))
    for p in s.unmatched_predictions:
        line = (
            f"  {p.id} {p.type}: {_pred_end(p.source_name, p.source, p.source_gold)} -> "
            f"{_pred_end(p.target_name, p.target, p.target_gold)} | date {p.date or '-'} | "
            f"{p.status or '-'} | {p.document}"
        )
        console.print(Text(line))
        console.print(Text(_quote(p.quote), style="dim"))
        if p.near:
            console.print(Text(f"    near: {', '.join(p.near)}", style="yellow"))


def _print_text(s: Scores, gold_dir: str, details: bool) -> None:
    console = Console(highlight=False, soft_wrap=details)
    matched = len(s.matches)
    console.print(
        Text(f"Scored {len(s.reports)} report(s) against {gold_dir} ({matched} matched pair(s))")
    )
    for v in (s.strict, s.core):
        console.print()
        console.print(_variant_table(v))
        console.print(Text(_agreement("date agreement", v.date_agreement)))
        console.print(Text(_agreement("status agreement", v.status_agreement)))
    console.print()
    console.print(_report_table(s))
    ig = s.ignored
    console.print(
        Text(
            f"predictions ignored: {ig['unknown_type']} of unknown type, "
            f"{ig['no_gold_report']} on reports without gold; "
            f"unmapped actors: {len(s.unmapped_actors)}",
            style="dim",
        )
    )
    for note in s.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if details:
        _print_details(console, s)


def _check_coverage(reports: list[str], export: dict[str, Any], where: str) -> None:
    """Refuse to score when the export holds none of the gold's reports; note missing ones."""
    found = {r for d in export_documents(export) if (r := match_report(d, reports))}
    missing = [r for r in reports if r not in found]
    if reports and not found:
        shown = ", ".join(reports[:3]) + (", ..." if len(reports) > 3 else "")
        raise ActornetError(
            f"{where}: none of the {len(reports)} gold report(s) ({shown}) is in it; "
            "ingest those reports first"
        )
    if missing:
        click.echo(
            f"note: {len(missing)} of {len(reports)} gold report(s) not in {where}: "
            + ", ".join(missing),
            err=True,
        )


@click.command()
@click.argument("gold_dir", type=click.Path(file_okay=False))
@db_option
@click.option(
    "--predicted",
    type=click.Path(dir_okay=False),
    help="Score this JSON export (`actornet export --format json`) instead of the store.",
)
@min_confidence_option
@json_option
@click.option("--details", is_flag=True, help="List unmatched gold records and predictions.")
def evaluate(
    gold_dir: str,
    db_path: str,
    predicted: str | None,
    min_confidence: float | None,
    as_json: bool,
    details: bool,
) -> None:
    """Score the extraction against gold annotations in GOLD_DIR.

    Prints precision, recall and F1 per type, strict and core (explicit records
    only), with date and status agreement. Exits 0 whatever the score, but 1 when none
    of the gold's reports is in the store (or export): there is nothing to score. Analyst
    judgements are not applied: this scores the extractor itself. The store's
    interactions are those `actornet export --format json` gives at the same
    --min-confidence; an export file (--predicted) is scored as it was exported.
    """
    if predicted and min_confidence is not None:
        raise click.UsageError(
            "--min-confidence filters the store; an export file (--predicted) is scored as "
            "it was exported (use `actornet export --min-confidence`)"
        )
    gold = load_gold(gold_dir)
    export = _read_export(predicted) if predicted else _export_store(db_path, min_confidence)
    _check_coverage(gold.reports, export, predicted or db_path)
    scores = score(gold, export)
    if as_json:
        print_json(scores.to_dict())
    else:
        _print_text(scores, gold_dir, details)


COMMANDS = [evaluate]
