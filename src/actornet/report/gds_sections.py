"""`actornet neo4j analyse` output: the report's top, brokers and communities sections,
filled from scores computed in Neo4j (`store.neo4j_gds`) instead of NetworkX.

The tables come from the report's own functions (`top_table`, `broker_table`,
`community_table`) and print as `actornet report` prints them; they read only the fields
of `GdsSections`, a stand-in for the `Report` they are written for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from rich.console import Console
from rich.text import Text

from actornet.analysis.centrality import top
from actornet.analysis.communities import community_members
from actornet.analysis.paths import ActorRef
from actornet.report.build import Community, Ranked, Report
from actornet.report.sections import SECTIONS, broker_table, community_table, top_table
from actornet.report.text import rich_table

if TYPE_CHECKING:
    from actornet.store.neo4j_gds import GdsAnalysis

__all__ = ["MEASURES", "GdsSections", "gds_sections", "print_gds_sections"]

MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank")
SHOWN_MEMBERS = 8  # as the report's communities section


@dataclass(frozen=True)
class _Collapsed:
    """What `broker_table` reads of the collapsed graph: each actor's degree."""

    degree: Mapping[str, int]


@dataclass(frozen=True)
class GdsSections:
    """The parts of a `Report` that its top, brokers and communities tables read."""

    top: dict[str, list[Ranked]]
    brokers: list[Ranked]
    communities: list[Community]
    scores: dict[str, dict[str, float]]
    collapsed: _Collapsed

    def as_report(self) -> Report:
        return cast(Report, self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "top": {m: [r.to_dict() for r in rows] for m, rows in self.top.items()},
            "brokers": [r.to_dict() for r in self.brokers],
            "communities": [c.to_dict() for c in self.communities],
        }


def gds_sections(result: GdsAnalysis, top_n: int = 10) -> GdsSections:
    """Ranked lists and communities as `report.build.build_report_from` makes them."""
    actors = {s.id: s for s in result.scores}

    def ranked(scores: Mapping[str, float]) -> list[Ranked]:
        return [Ranked(v, actors[v].name, actors[v].kind, s) for v, s in top(dict(scores), top_n)]

    scores = {m: result.by_measure(m) for m in MEASURES}
    groups = community_members(result.partition(), scores["pagerank"])
    communities = [
        Community(i, len(m), tuple(ActorRef(v, actors[v].name) for v in m[:SHOWN_MEMBERS]))
        for i, m in enumerate(groups)
        if len(m) > 1
    ]
    return GdsSections(
        top={m: ranked(s) for m, s in scores.items()},
        brokers=ranked(result.brokers()),
        communities=communities[:top_n],
        scores=scores,
        collapsed=_Collapsed({s.id: s.degree for s in result.scores}),
    )


def print_gds_sections(sections: GdsSections, notes: list[str], console: Console) -> None:
    """The three sections with the report's headings and tables."""
    report = sections.as_report()
    for note in notes:
        console.print(f"note: {note}", style="dim")
    for key, table in (
        ("top", top_table(report)),
        ("brokers", broker_table(report)),
        ("communities", community_table(report)),
    ):
        console.print()
        console.rule(Text(SECTIONS[key], style="bold"), align="left")
        console.print(rich_table(table))
