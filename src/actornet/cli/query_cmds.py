"""Commands (work in progress)."""

COMMANDS: list = []
