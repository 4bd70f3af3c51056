"""The `actornet` command line: thin commands over the library."""

from __future__ import annotations

import sys

import click

from actornet import __version__
from actornet.errors import ActornetError
from actornet.store.base import StoreError


class ActornetGroup(click.Group):
    """Turns user errors into one line on stderr and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ActornetError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except StoreError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=ActornetGroup)
@click.version_option(__version__, prog_name="actornet")
def main() -> None:
    """Turn report series into an evidence-backed actor network."""


def _register() -> None:
    from actornet.cli import (
        analysis_cmds,
        evaluate_cmd,
        ingest_cmd,
        judge_cmds,
        neo4j_cmds,
        query_cmds,
    )

    modules = (ingest_cmd, query_cmds, evaluate_cmd, analysis_cmds, neo4j_cmds, judge_cmds)
    for module in modules:
        for command in module.COMMANDS:
            main.add_command(command)


_register()
