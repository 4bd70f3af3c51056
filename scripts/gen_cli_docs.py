"""Regenerate docs/cli.md from the commands' own help: `python scripts/gen_cli_docs.py`."""

from __future__ import annotations

from pathlib import Path

import click

from actornet.cli import main

HEADER = (
    "# CLI reference\n\nGenerated from the commands' own help by `scripts/gen_cli_docs.py`. "
    "Every command that touches a store takes `--db FILE` (default `./actornet.db`, or "
    "`ACTORNET_DB`); listing commands take `--json`, which prints one JSON object whose "
    'keys name what is listed, each a list of records: `{"actors": [...]}`, '
    '`{"interactions": [...]}`, `{"paths": [...]}`, `{"flags": [...]}`, '
    '`{"judgements": [...]}`, `{"brokers": [...]}`, `{"communities": [...]}`; '
    "`centrality`, `ego`, `timeline` and `activity` add the context of the listing "
    "(`measure`, `period`, `actor`, ...) as further keys. User errors print one line on stderr "
    "starting with `error:`; the exit code is 1 (2 for an unreachable Neo4j server or a "
    "usage error). "
    "A store file that is not an actornet store, or is of a newer schema, is refused (exit 1) "
    "and left untouched.\n"
)


def sections(cmd: click.Command, name: str, parent: click.Context | None) -> list[str]:
    ctx = click.Context(cmd, info_name=name, parent=parent)
    out = [f"## {ctx.command_path}\n\n```\n{cmd.get_help(ctx).rstrip()}\n```\n"]
    if isinstance(cmd, click.Group):
        for sub in sorted(cmd.commands):
            out += sections(cmd.commands[sub], sub, ctx)
    return out


def main_() -> None:
    root = click.Context(main, info_name="actornet")
    parts = [HEADER]
    for name in sorted(main.commands):
        parts += sections(main.commands[name], name, root)
    path = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    path.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main_()
