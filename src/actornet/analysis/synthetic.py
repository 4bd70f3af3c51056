"""Seeded synthetic networks shaped like the reports' (for benchmarks and scale tests).

Actors: about n**0.75 of them for n interactions; 2% Iranian state bodies and officials
(with roles), 3% proxies, the rest persons, organisations, countries and places. Activity
follows preferential attachment inside regional clusters, with a few cross-cluster links.
Every interaction has 1-3 evidence quotes that are verbatim spans of a synthetic document.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Document,
    DocumentExtraction,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)

__all__ = ["SyntheticNetwork", "synthetic_extractions", "synthetic_network"]

_STATUSES = [
    (ClaimStatus.ASSERTED, 0.55),
    (ClaimStatus.REPORTED, 0.25),
    (ClaimStatus.UNCONFIRMED, 0.08),
    (ClaimStatus.PLANNED, 0.07),
    (ClaimStatus.DENIED, 0.05),
]
_TYPES = [
    (InteractionType.MET_WITH, 0.5),
    (InteractionType.VISITED, 0.2),
    (InteractionType.SIGNED_AGREEMENT, 0.1),
    (InteractionType.ATTACKED, 0.2),
]


@dataclass
class SyntheticNetwork:
    actors: list[Actor]
    interactions: list[Interaction]
    affiliations: list[Affiliation]
    documents: list[Document]


def _pick(rng: random.Random, table: list[tuple[object, float]]) -> object:
    x, acc = rng.random(), 0.0
    for value, p in table:
        acc += p
        if x < acc:
            return value
    return table[-1][0]


_SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "za",
    "hu",
    "le",
    "si",
    "ba",
    "de",
    "no",
    "ta",
    "qi",
    "fa",
    "ja",
    "we",
    "lo",
    "su",
    "ne",
    "ha",
    "gi",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _actors(rng: random.Random, n: int, clusters: int) -> list[Actor]:
    actors = [Actor("iran", "Iran", ActorKind.COUNTRY, country="IRN")]
    n_state, n_proxy = max(3, n // 50), max(2, n * 3 // 100)
    for i in range(n_state):
        if i % 3 == 0:
            actors.append(
                Actor(
                    f"state-org-{i}",
                    f"State Body {i}",
                    ActorKind.ORGANIZATION,
                    country="IRN",
                    state=True,
                    parent="iran" if i == 0 else "state-org-0",
                )
            )
        else:
            org = f"state-org-{(i // 3) * 3}"
            actors.append(Actor(f"official-{i}", f"Official {i}", ActorKind.PERSON, country="IRN",
                                roles=(Role("commander", org, "2015-01-01"),)))  # fmt: skip
    for i in range(n_proxy):
        actors.append(Actor(f"proxy-{i}", f"Militia {i}", ActorKind.ORGANIZATION, country="IRQ",
                            proxy=True))  # fmt: skip
    kinds = [ActorKind.PERSON] * 6 + [ActorKind.ORGANIZATION] * 3 + [ActorKind.PLACE]
    for i in range(max(0, n - len(actors))):
        kind = rng.choice(kinds)
        if rng.random() < 0.1:  # discovered by the extractor; some are variants of others
            name = _word(rng) + " " + _word(rng)
            if rng.random() < 0.2 and len(actors) > 1:
                base = rng.choice(actors[1:]).name
                name = base[:-1] + ("a" if base[-1] != "a" else "e")
            actors.append(Actor(f"actor-{i}", name, kind, origin="discovered"))
        else:
            actors.append(Actor(f"actor-{i}", f"{_word(rng)} {_word(rng)} {i % clusters}", kind))
    return actors


def synthetic_network(n_interactions: int, *, seed: int = 0) -> SyntheticNetwork:
    """A reproducible network of `n_interactions` interactions."""
    rng = random.Random(seed)
    n_actors = max(30, int(n_interactions**0.75))
    clusters = max(2, n_actors // 60)
    actors = _actors(rng, n_actors, clusters)
    ids = [a.id for a in actors]
    cluster_of = {a: rng.randrange(clusters) for a in ids}
    members: list[list[str]] = [[] for _ in range(clusters)]
    for a in ids:
        members[cluster_of[a]].append(a)
    # preferential attachment: every endpoint chosen is added again to its cluster's urn
    urns = [list(m) for m in members]
    n_docs = max(1, n_interactions // 40)
    texts: list[list[str]] = [[] for _ in range(n_docs)]
    sizes = [0] * n_docs
    interactions: list[Interaction] = []
    for i in range(n_interactions):
        c = rng.randrange(clusters)
        src = rng.choice(urns[c] or ids)
        c2 = c if rng.random() < 0.9 else rng.randrange(clusters)
        dst = rng.choice(urns[c2] or ids)
        if src == dst:
            dst = rng.choice(ids)
        if src == dst:
            continue
        urns[c].append(src)
        urns[c2].append(dst)
        year, month, day = rng.randint(2015, 2022), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.8 else f"{year}-{month:02d}"
        type_ = _pick(rng, _TYPES)
        evidence = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            d = rng.randrange(n_docs)
            quote = f"On {date}, {src} and {dst} were reported together (item {i})."
            evidence.append(Evidence(f"doc-{d}.txt", sizes[d], sizes[d] + len(quote), quote))
            texts[d].append(quote + " ")
            sizes[d] += len(quote) + 1
        interactions.append(
            Interaction(
                type_,
                src,
                dst,
                date,
                status=_pick(rng, _STATUSES),
                evidence=evidence,  # type: ignore[arg-type]
                id=f"syn-{i}",
            )
        )
    documents = []
    for d, parts in enumerate(texts):
        text = "".join(parts)
        doc_id = f"doc-{d}.txt"
        documents.append(
            Document(doc_id, f"/synthetic/{doc_id}", text, Document.hash_text(text), title=doc_id)
        )
    affiliations = [
        Affiliation(AffiliationKind.MEMBER_OF, p, "state-org-0", "advised by")
        for p in ids
        if p.startswith("proxy-") and rng.random() < 0.3
    ]
    return SyntheticNetwork(actors, interactions, affiliations, documents)


def synthetic_extractions(net: SyntheticNetwork) -> list[DocumentExtraction]:
    """The network cut into what the extractor hands the store, one document at a time.

    Each document carries the claims its evidence supports (with that evidence only) and
    the actors they involve, as an ingest stores them; the first also carries every
    actor (the gazetteer's share: roles, parents) and the standing relations.
    """
    by_id = {a.id: a for a in net.actors}
    claims: dict[str, list[Interaction]] = {d.id: [] for d in net.documents}
    for it in net.interactions:
        by_doc: dict[str, list[Evidence]] = {}
        for e in it.evidence:
            by_doc.setdefault(e.document, []).append(e)
        for doc_id, evidence in by_doc.items():
            claims[doc_id].append(dataclasses.replace(it, evidence=evidence))
    out = []
    for i, doc in enumerate(net.documents):
        its = claims[doc.id]
        mentioned = dict.fromkeys(a for it in its for a in (it.source, it.target) if a)
        actors = list(net.actors) if i == 0 else [by_id[a] for a in mentioned]
        affiliations = list(net.affiliations) if i == 0 else []
        out.append(DocumentExtraction(doc, actors, its, affiliations))
    return out
