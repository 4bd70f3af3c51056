"""Every command is documented in docs/cli.md and has help text."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from actornet.cli import main

DOC = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "actornet"):
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)


@pytest.mark.parametrize(("path", "cmd"), list(_commands(main)), ids=lambda x: str(x))
def test_command_is_documented(path: str, cmd: click.Command) -> None:
    assert f"## {path}\n" in DOC, f"{path} has no section in docs/cli.md"
    assert (cmd.help or "").strip(), f"{path} has no help text"
