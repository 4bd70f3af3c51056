"""`actornet judge ...`: record, list, undo, share analyst judgements (docs/judgements.md)."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from actornet.cli.common import db_option, json_option, open_sqlite, print_json
from actornet.errors import ActornetError
from actornet.judgements import (
    EvidenceKey,
    Judgement,
    JudgementConflict,
    Verdict,
    check_new,
    new_judgement,
)
from actornet.model import ActorKind
from actornet.store.judged import JudgedStore
from actornet.store.lookup import find_actors

__all__ = ["COMMANDS", "judge"]

F = TypeVar("F", bound=Callable[..., Any])


def _default_user() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # no user database entry (containers)
        return "unknown"


def who_options(f: F) -> F:
    """--db, --by, --note: what every recording command takes."""
    f = click.option("--note", default="", metavar="TEXT", help="Why (kept with the judgement).")(f)
    f = click.option("--by", default=None, metavar="NAME", help="Who judges (default: $USER).")(f)
    return db_option(f)


def _open(db_path: str) -> JudgedStore:
    store = open_sqlite(db_path, must_exist=True)
    assert isinstance(store, JudgedStore)
    return store


def resolve(store: JudgedStore, query: str) -> str:
    """The id of the one actor an id, name or alias names.

    A stored id is taken as it is (even when merged into another actor); a name or alias
    is looked up in the judged network. Several matches: one line per candidate on stderr
    and an error; nothing is changed.
    """
    if any(a.id == query for a in store.raw.actors()):
        return query
    found = find_actors(store.actors(), query)
    if not found:
        raise ActornetError(f"no actor matches '{query}'")
    if len(found) > 1:
        click.echo(f"'{query}' names {len(found)} actors:", err=True)
        for a in found:
            click.echo(f"  {a.id}\t{a.name} ({a.kind})", err=True)
        raise ActornetError(f"'{query}' is ambiguous; give one of the ids above (nothing changed)")
    return found[0].id


def _record(store: JudgedStore, j: Judgement) -> None:
    check_new(store.judgements(), j)
    store.add_judgements([j])
    click.echo(f"{j.id}: {j.describe().split(' (', 1)[1].rstrip(')')}")


def _pair(verdict: Verdict, a: str, b: str, db_path: str, by: str | None, note: str) -> None:
    with _open(db_path) as store:
        first, second = resolve(store, a), resolve(store, b)
        if first == second:
            merged = [
                j.describe()
                for j in store.judgements()
                if j.verdict is Verdict.SAME and store.canonical_id(j.subject) == first
            ]
            why = f": {', '.join(merged)}" if merged else ""
            raise JudgementConflict(f"'{a}' and '{b}' are one actor ({first}){why}")
        j = new_judgement(verdict, first, other=second, by=by or _default_user(), note=note)
        _record(store, j)


@click.group("judge")
def judge() -> None:
    """Record analyst judgements: merge, split, reject, confirm, correct.

    Judgements are kept beside the extractions and applied whenever the store is read, so
    every listing, report, path, export and Neo4j load shows the judged network, and a
    re-ingest keeps them. Actors are given by id, name or alias.
    """


@judge.command("same")
@click.argument("keep", metavar="ACTOR")
@click.argument("other", metavar="OTHER")
@who_options
def same(keep: str, other: str, db_path: str, by: str | None, note: str) -> None:
    """ACTOR and OTHER are one actor; ACTOR's id is kept, OTHER's names become aliases."""
    _pair(Verdict.SAME, keep, other, db_path, by, note)


@judge.command("different")
@click.argument("first", metavar="ACTOR")
@click.argument("second", metavar="OTHER")
@who_options
def different(first: str, second: str, db_path: str, by: str | None, note: str) -> None:
    """ACTOR and OTHER are different actors and are never merged."""
    _pair(Verdict.DIFFERENT, first, second, db_path, by, note)


def _interaction(store: JudgedStore, iid: str) -> Any:
    """The judged interaction `iid` names (a judged id, or the stored id of a merged one)."""
    net_id = store.network().interaction_id(iid) if store.judgements() else iid
    for it in store.interactions():
        if it.id == net_id:
            return it
    for j in store.judgements():
        if j.verdict is Verdict.REJECT and not j.evidence and j.subject in (iid, net_id):
            raise JudgementConflict(f"{iid} was rejected: {j.describe()}; undo it first")
    raise ActornetError(f"no interaction '{iid}' (see `actornet interactions --json`)")


@judge.command("reject")
@click.argument("interaction_id")
@click.option(
    "--evidence",
    "evidence_n",
    type=click.IntRange(min=1),
    metavar="N",
    help="Reject only the N-th piece of evidence (1 = first in `interactions --json`).",
)
@who_options
def reject(
    interaction_id: str, evidence_n: int | None, db_path: str, by: str | None, note: str
) -> None:
    """INTERACTION_ID is wrong (or only one piece of its evidence is)."""
    with _open(db_path) as store:
        it = _interaction(store, interaction_id)
        key = None
        if evidence_n is not None:
            ordered = sorted(it.evidence, key=lambda e: (e.document, e.start, e.end))
            if evidence_n > len(ordered):
                raise ActornetError(
                    f"{it.id} has {len(ordered)} pieces of evidence, not {evidence_n}"
                )
            key = EvidenceKey.of(ordered[evidence_n - 1])
        j = new_judgement(Verdict.REJECT, it.id, evidence=key, by=by or _default_user(), note=note)
        _record(store, j)


@judge.command("confirm")
@click.argument("interaction_id")
@who_options
def confirm(interaction_id: str, db_path: str, by: str | None, note: str) -> None:
    """INTERACTION_ID was checked by a person (shown as confirmed_by)."""
    with _open(db_path) as store:
        it = _interaction(store, interaction_id)
        _record(store, new_judgement(Verdict.CONFIRM, it.id, by=by or _default_user(), note=note))


@judge.command("set")
@click.argument("actor")
@click.option("--proxy", type=click.Choice(["true", "false"]), help="Mark (or unmark) a proxy.")
@click.option(
    "--kind", type=click.Choice([k.value for k in ActorKind], case_sensitive=False), help="Kind."
)
@click.option("--country", metavar="XXX", help="ISO 3166 alpha-3 code.")
@click.option("--name", metavar="NAME", help="Canonical name (the old one becomes an alias).")
@who_options
def set_(
    actor: str,
    proxy: str | None,
    kind: str | None,
    country: str | None,
    name: str | None,
    db_path: str,
    by: str | None,
    note: str,
) -> None:
    """Correct attributes of ACTOR: one judgement per option given."""
    if country is not None and not (len(country) == 3 and country.isalpha()):
        raise click.BadParameter(f"{country!r} is not a three-letter code", param_hint="--country")
    values = {
        "proxy": proxy,
        "kind": ActorKind(kind.capitalize()).value if kind else None,
        "country": country.upper() if country else None,
        "name": name.strip() if name else None,
    }
    given = {k: v for k, v in values.items() if v}
    if not given:
        raise ActornetError("give at least one of --proxy, --kind, --country, --name")
    with _open(db_path) as store:
        target = store.canonical_id(resolve(store, actor))
        user = by or _default_user()
        for attribute, value in given.items():
            j = new_judgement(
                Verdict.SET, target, attribute=attribute, value=value, by=user, note=note
            )
            _record(store, j)


def _status(store: JudgedStore) -> dict[str, tuple[str, str]]:
    """Judgement id -> (ok | orphaned | conflicting, why)."""
    net = store.network()
    status = {j.id: ("ok", "") for j in net.judgements}
    status.update({j.id: ("orphaned", "its target is not in the store") for j in net.orphaned})
    status.update({j.id: ("conflicting", why) for j, why in net.conflicts})
    return status


def _what(j: Judgement) -> str:
    if j.verdict is Verdict.SET:
        return f"{j.subject} {j.attribute}={j.value}"
    if j.other:
        return f"{j.subject} {j.other}"
    if j.evidence:
        return f"{j.subject} evidence {j.evidence.document}:{j.evidence.start}-{j.evidence.end}"
    return j.subject


@judge.command("list")
@db_option
@json_option
def list_(db_path: str, as_json: bool) -> None:
    """Every judgement, oldest first, with its status: ok, orphaned or conflicting.

    Orphaned: its actor or interaction is no longer in the store (it is kept, and applies
    again if the target comes back). Conflicting: it contradicts an earlier judgement
    (possible only through concurrent writers); it has no effect, `--json` says why.
    """
    with _open(db_path) as store:
        items = store.judgements()
        status = _status(store)
    if as_json:
        print_json(
            {
                "judgements": [
                    j.to_dict() | {"status": status[j.id][0], "why": status[j.id][1]} for j in items
                ]
            }
        )
        return
    table = Table(caption=f"{len(items)} judgements")
    for column in ("id", "verdict", "what", "by", "at", "status", "note"):
        table.add_column(column)
    for j in items:
        cells = (j.id, j.verdict.value, _what(j), j.by, j.at, status[j.id][0], j.note)
        table.add_row(*(Text(c) for c in cells))
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    Console(highlight=False, width=200 if piped else None).print(table)


@judge.command("undo")
@click.argument("judgement_id")
@db_option
def undo(judgement_id: str, db_path: str) -> None:
    """Remove judgement JUDGEMENT_ID (the extraction data was never changed)."""
    with _open(db_path) as store:
        if not store.remove_judgement(judgement_id):
            raise ActornetError(f"no judgement '{judgement_id}' (see `actornet judge list`)")
    click.echo(f"undone {judgement_id}")


@judge.command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@db_option
def export(file: str, db_path: str) -> None:
    """Write every judgement to FILE as JSON Lines (- for stdout), oldest first."""
    with _open(db_path) as store:
        lines = [json.dumps(j.to_dict(), ensure_ascii=False) + "\n" for j in store.judgements()]
    with click.open_file(file, "w", encoding="utf-8", atomic=file != "-") as out:
        out.writelines(lines)
    if file != "-":
        click.echo(f"wrote {len(lines)} judgements to {file}", err=True)


def read_jsonl(file: str) -> list[Judgement]:
    """Judgements from a JSON Lines file; an `ActornetError` names the bad line."""
    items = []
    try:
        with click.open_file(file, "r", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    items.append(Judgement.from_dict(json.loads(line)))
                except (ValueError, AttributeError) as exc:
                    raise ActornetError(f"{file}:{n}: {exc}") from None
    except OSError as exc:
        raise ActornetError(f"{file}: cannot read ({exc.strerror or exc})") from None
    return items


@judge.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@db_option
def import_(file: str, db_path: str) -> None:
    """Add the judgements of a JSON Lines FILE; known ids are skipped; all or nothing."""
    items = read_jsonl(file)
    with _open(db_path) as store:
        existing = store.judgements()
        known = {j.id for j in existing}
        new = []
        for j in sorted(items, key=lambda j: (j.at, j.id)):
            if j.id in known:
                continue
            try:
                check_new(existing + new, j)
            except JudgementConflict as exc:
                raise JudgementConflict(f"{j.id}: {exc}; nothing imported") from None
            new.append(j)
            known.add(j.id)
        added = store.add_judgements(new)
    click.echo(f"imported {added} judgements, {len(items) - added} already present")


COMMANDS: list[click.Command] = [judge]
