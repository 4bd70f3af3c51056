"""User-facing errors: one line, no traceback."""

from __future__ import annotations

__all__ = ["ActornetError", "InputError"]


class ActornetError(Exception):
    """An error caused by the user's input or environment; shown as one line."""

    exit_code = 1


class InputError(ActornetError):
    """A file that cannot be read as a report."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
