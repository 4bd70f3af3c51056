"""The report's sections as plain tables, shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from actornet.analysis.paths import Hop, Path, hops_text
from actornet.analysis.timeline import PeriodChange
from actornet.export import confidence_text
from actornet.report.build import MEASURE_TITLES, Report

__all__ = [
    "SECTIONS",
    "Table",
    "activity_table",
    "alternative_lines",
    "broker_table",
    "change_caption",
    "change_rows",
    "change_tables",
    "community_table",
    "coverage_text",
    "flag_count_table",
    "flag_table",
    "hop_line",
    "path_tables",
    "summary_table",
    "top_table",
]

SECTIONS = {
    "summary": "Summary",
    "top": "Top actors",
    "brokers": "Brokers",
    "communities": "Communities",
    "paths": "Tehran-to-proxy paths",
    "activity": "Activity by month",
    "changes": "What changed",
    "flags": "Flags",
}
MAX_MONTHS = 36
MAX_PATHS = 20


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def summary_table(r: Report) -> Table:
    s = r.summary
    window = f"{s.since or 'start'} to {s.until or 'end'}" if s.since or s.until else "all dates"
    rows = [
        ["Documents", str(s.documents)],
        ["Actors", f"{s.actors} ({_counts(s.actors_by_kind)})"],
        ["Interactions", f"{s.interactions} ({_counts(s.interactions_by_type)})"],
        ["By claim status", _counts(s.interactions_by_status)],
        ["Standing relations", str(s.standing_relations)],
        ["Dates", window + ("" if s.include_denied else "; denied claims left out")],
    ]
    if s.min_confidence is not None:
        kept = "confirmed and never-scored ones always kept"
        rows.append(["Confidence", f"at least {s.min_confidence:.2f} ({kept})"])
    rows += [
        ["Newest date", s.as_of or "none"],
        ["Tehran actors / proxies", f"{len(r.tehran)} / {len(r.proxies)}"],
    ]
    if r.judgements.get("total"):
        j = r.judgements
        verdicts = {k: v for k, v in j.items() if k not in ("total", "orphaned", "conflicting")}
        extra = f"; {j['orphaned']} orphaned, {j['conflicting']} conflicting"
        rows.append(["Judgements", f"{j['total']} ({_counts(verdicts)}{extra})"])
    rows.append(["Open flags", str(r.flags.total)])
    return Table(["", ""], rows)


def _score(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.3f}"


def top_table(r: Report) -> Table:
    measures = list(r.top)
    depth = max((len(v) for v in r.top.values()), default=0)
    rows = []
    for i in range(depth):
        row = [str(i + 1)]
        for m in measures:
            items = r.top[m]
            row.append(f"{items[i].name} ({_score(items[i].score)})" if i < len(items) else "")
        rows.append(row)
    return Table(["#", *(MEASURE_TITLES.get(m, m) for m in measures)], rows)


def broker_table(r: Report) -> Table:
    degree = r.collapsed.degree
    b = r.scores.get("betweenness", {})
    rows = [
        [str(i + 1), x.name, x.kind, _score(x.score), str(degree[x.id]), _score(b.get(x.id, 0.0))]
        for i, x in enumerate(r.brokers)
    ]
    caption = "broker score = betweenness / (degree / (n - 1)): on many paths, with few links"
    return Table(["#", "Actor", "Kind", "Broker score", "Degree", "Betweenness"], rows, caption)


def community_table(r: Report) -> Table:
    rows = [
        [str(c.index + 1), str(c.size), ", ".join(m.name for m in c.members)] for c in r.communities
    ]
    return Table(["#", "Size", "Most central members"], rows, "Louvain communities, seeded")


def hop_line(h: Hop) -> str:
    """`A -[MET_WITH 2021-11-08 asserted, confidence 0.82]-> B`, with the arrow the way the
    record runs (a standing relation has no confidence)."""
    label = " ".join(x for x in (h.type, h.date or "undated", h.status) if x)
    if not h.role_edge:
        label += f", confidence {confidence_text(h.confidence)}"
    if h.forward:
        return f"{h.source.name} -[{label}]-> {h.target.name}"
    return f"{h.source.name} <-[{label}]- {h.target.name}"


def route_text(p: Path) -> str:
    """`Iran -> Hamas -> Izz al-Din al-Qassam Brigades (2 hops, strength 0.061)`."""
    names = " -> ".join([p.source.name, *(h.target.name for h in p.hops)])
    return f"{names} ({hops_text(len(p.hops))}, strength {p.strength:.3f})"


def alternative_lines(p: Path) -> list[str]:
    """One line per alternative of a path: the other routes resting on the same quotes."""
    return [f"also, on the same quotes: {route_text(a)}" for a in p.alternatives]


def path_tables(r: Report, limit: int = MAX_PATHS) -> list[Table]:
    out = []
    for i, p in enumerate(r.paths[:limit]):
        rows = []
        for h in p.hops:
            if h.role_edge:
                quote = "(standing relation)"
            elif h.evidence:
                e = h.evidence[0]
                more = f" (+{len(h.evidence) - 1} more)" if len(h.evidence) > 1 else ""
                quote = f"“{e.quote}” [{e.document} {e.start}-{e.end}]{more}"
            else:
                quote = ""
            rows.append([hop_line(h), quote])
        rows += [[line, ""] for line in alternative_lines(p)]
        caption = (
            f"{i + 1}. {p.source.name} to {p.target.name}: {hops_text(len(p.hops))}, "
            f"strength {p.strength:.3f}"
        )
        out.append(Table(["Hop", "Evidence"], rows, caption))
    return out


def activity_table(r: Report, limit: int = MAX_MONTHS) -> Table:
    months = list(r.activity.items())[-limit:]
    types = sorted({t for _, c in months for t in c})
    peak = max((sum(c.values()) for _, c in months), default=0) or 1
    rows = []
    for month, counts in months:
        total = sum(counts.values())
        bar = "█" * round(20 * total / peak)
        rows.append([month, str(total), *(str(counts.get(t, 0)) for t in types), bar])
    caption = f"last {limit} months" if len(r.activity) > limit else ""
    return Table(["Month", "Total", *types, ""], rows, caption)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def coverage_text(period: str, coverage: dict[str, int] | None) -> str:
    """`2020 (2 reports, 45 interactions)`."""
    if not coverage:
        return period
    reports = _plural(coverage.get("reports", 0), "report")
    return f"{period} ({reports}, {_plural(coverage.get('interactions', 0), 'interaction')})"


def change_caption(c: PeriodChange) -> str:
    """What a comparison compares: each period's coverage, and among whom."""
    return (
        f"{coverage_text(c.before, c.before_coverage)} to "
        f"{coverage_text(c.after, c.after_coverage)}; shares of each period's PageRank, "
        f"rise and fall among the {_plural(c.compared, 'actor')} with interactions in both"
    )


def change_rows(
    name: Callable[[str], str], c: PeriodChange, fmt: Callable[[float], str]
) -> list[list[str]]:
    rows = [["rose", name(a), f"{fmt(b)} -> {fmt(x)}"] for a, b, x in c.risers]
    rows += [["fell", name(a), f"{fmt(b)} -> {fmt(x)}"] for a, b, x in c.fallers]
    rows += [[f"only in {c.after}", name(a), f"– -> {fmt(x)}"] for a, _, x in c.new]
    rows += [[f"only in {c.before}", name(a), f"{fmt(b)} -> –"] for a, b, _ in c.unseen]
    return rows


def change_tables(r: Report) -> list[Table]:
    return [
        Table(
            ["", "Actor", "PageRank share"],
            change_rows(r.name, c, lambda x: f"{x:.3f}"),
            change_caption(c),
        )
        for c in r.changes
    ]


def flag_count_table(r: Report) -> Table:
    """The open flags by kind and severity, the most severe first."""
    rows = [[c.severity, c.kind, f"{c.count:,}"] for c in r.flags.by_kind]
    return Table(["Severity", "Kind", "Open"], rows, f"{r.flags.total:,} open flags")


def flag_table(r: Report) -> Table:
    """The most severe open flags (a bounded list), and the command that lists them all."""
    rows = []
    for f in r.flags.shown:
        quote = f"“{f.evidence[0].quote}” [{f.evidence[0].document}]" if f.evidence else ""
        why = [f"why: {f.reason}"] if f.reason else []
        detail = "\n".join([f.detail, *why, *(f"settle: {c}" for c in f.settle)])
        rows.append([f.severity, f.kind, detail, quote])
    shown, total = len(r.flags.shown), r.flags.total
    which = f"the {shown} most severe of {total:,}" if shown < total else f"all {total}"
    caption = f"{which} shown; the full list: {r.flags.full_list}"
    return Table(["Severity", "Kind", "Detail", "Evidence"], rows, caption)
