"""Phase timings of a report (`actornet report --timings`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["Timings"]


@dataclass
class Timings:
    """Seconds spent in each named phase, in the order the phases first ran."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            spent = time.perf_counter() - start
            self.phases[name] = round(self.phases.get(name, 0.0) + spent, 3)

    @property
    def total(self) -> float:
        return round(sum(self.phases.values()), 3)

    def lines(self) -> list[str]:
        """One line per phase, then the total: what `--timings` prints on stderr."""
        width = max((len(k) for k in self.phases), default=5)
        rows = [f"{name:<{width}}  {s:8.3f} s" for name, s in self.phases.items()]
        return [*rows, f"{'total':<{width}}  {self.total:8.3f} s"]
