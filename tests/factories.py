"""Small builders of `DocumentExtraction`s for store and CLI tests."""

from __future__ import annotations

import random

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

__all__ = [
    "HIGH",
    "HOSTILE",
    "LOW",
    "attack",
    "corpus",
    "document",
    "evidence",
    "extraction",
    "meeting",
    "org",
    "person",
    "place",
    "sample_extractions",
    "scored_extractions",
    "visit",
]

# Strings that break naive Cypher/SQL assembly; stores must keep them literally.
HOSTILE = (
    'x"}) DETACH DELETE n //',
    "`Foo`:Bar",
    "'; DROP TABLE actors; --",
)


def person(id_: str, name: str, *aliases: str, **kw: object) -> Actor:
    return Actor(id=id_, name=name, kind=ActorKind.PERSON, aliases=aliases, **kw)  # type: ignore[arg-type]


def org(id_: str, name: str, *aliases: str, **kw: object) -> Actor:
    return Actor(id=id_, name=name, kind=ActorKind.ORGANIZATION, aliases=aliases, **kw)  # type: ignore[arg-type]


def place(id_: str, name: str, *aliases: str, **kw: object) -> Actor:
    return Actor(id=id_, name=name, kind=ActorKind.PLACE, aliases=aliases, **kw)  # type: ignore[arg-type]


def document(doc_id: str, text: str = "", **kw: object) -> Document:
    text = text or f"Text of {doc_id}."
    return Document(
        id=doc_id, path=f"/reports/{doc_id}", text=text, sha256=Document.hash_text(text), **kw
    )  # type: ignore[arg-type]


def evidence(doc_id: str, quote: str, start: int = 0, **kw: object) -> Evidence:
    return Evidence(document=doc_id, start=start, end=start + len(quote), quote=quote, **kw)  # type: ignore[arg-type]


def meeting(
    doc_id: str,
    source: str,
    target: str,
    date: str | None = None,
    quote: str = "",
    cited_source: str | None = None,
    **kw: object,
) -> Interaction:
    ev = evidence(doc_id, quote or f"{source} met {target}.", cited_source=cited_source)
    return Interaction(
        type=InteractionType.MET_WITH,
        source=source,
        target=target,
        date=date,
        evidence=[ev],
        **kw,  # type: ignore[arg-type]
    )


def visit(
    doc_id: str, source: str, target: str, date: str | None = None, **kw: object
) -> Interaction:
    return Interaction(
        type=InteractionType.VISITED,
        source=source,
        target=target,
        date=date,
        evidence=[evidence(doc_id, f"{source} visited {target}.")],
        **kw,  # type: ignore[arg-type]
    )


def attack(
    doc_id: str, source: str | None, target: str, date: str | None = None, **kw: object
) -> Interaction:
    return Interaction(
        type=InteractionType.ATTACKED,
        source=source,
        target=target,
        date=date,
        evidence=[evidence(doc_id, f"{source or 'Unknown'} attacked {target}.")],
        **kw,  # type: ignore[arg-type]
    )


def extraction(
    doc_id: str,
    actors: list[Actor] | None = None,
    interactions: list[Interaction] | None = None,
    affiliations: list[Affiliation] | None = None,
    text: str = "",
    **doc_kw: object,
) -> DocumentExtraction:
    return DocumentExtraction(
        document=document(doc_id, text, **doc_kw),
        actors=list(actors or []),
        interactions=list(interactions or []),
        affiliations=list(affiliations or []),
    )


QAANI = person(
    "esmail-qaani",
    "Esmail Qa’ani",
    "Qaani",
    "Esmail Qaani",
    country="IRN",
    state=True,
    roles=(Role("commander", "qods-force", "2020-01-03"),),
    descriptions=("the Qods Force commander",),
)
KADHIMI = person("mustafa-al-kadhimi", "Mustafa al-Kadhimi", "Kadhimi", country="IRQ")
NUJABA = org("harakat-al-nujaba", "Harakat al-Nujaba", "Nujaba", country="IRQ", proxy=True)
QODS = org("qods-force", "Qods Force", "IRGC-QF", country="IRN", state=True, parent="irgc")
BAGHDAD = place("baghdad", "Baghdad", country="IRQ")
US_BASE = place("ain-al-asad", "Ain al-Asad", "Ain al-Assad", country="IRQ")


def sample_extractions() -> list[DocumentExtraction]:
    """Two reports sharing one meeting (same interaction id) plus distinct facts."""
    shared_date = "2021-11-07"
    a = extraction(
        "000_a.txt",
        actors=[QAANI, KADHIMI, BAGHDAD, QODS],
        interactions=[
            meeting(
                "000_a.txt",
                QAANI.id,
                KADHIMI.id,
                shared_date,
                "Qa’ani met al-Kadhimi in Baghdad.",
                place=BAGHDAD.id,
                mode="in_person",
                status=ClaimStatus.REPORTED,
            ),
            visit("000_a.txt", QAANI.id, BAGHDAD.id, "2021-11"),
        ],
        affiliations=[
            Affiliation(AffiliationKind.HOLDS_ROLE, QAANI.id, QODS.id, "commander", "2020-01-03"),
        ],
        title="Iran Update, November 2021",
        period_start="2021-11-01",
        period_end="2021-11-30",
        period_stated=True,
    )
    b = extraction(
        "001_b.txt",
        actors=[QAANI, KADHIMI, NUJABA, US_BASE],
        interactions=[
            meeting(
                "001_b.txt",
                KADHIMI.id,
                QAANI.id,
                shared_date,
                "Kadhimi received Qaani.",
                cited_source="Tasnim",
            ),
            attack("001_b.txt", None, US_BASE.id, "2021-12-02", mode="rocket_attack"),
            attack(
                "001_b.txt",
                NUJABA.id,
                US_BASE.id,
                "2021-12-02",
                status=ClaimStatus.DENIED,
                mode="rocket_attack",
            ),
        ],
        title="Iran Update, December 2021",
        period_start="2021-12-01",
        period_end="2021-12-31",
    )
    return [a, b]


# Confidences under and over any sensible threshold (the shipped one is the model's).
LOW, HIGH = 0.02, 0.98765


def scored_extractions() -> list[DocumentExtraction]:
    """`sample_extractions` with confidences: the shared meeting 0.6 in A and HIGH in B (so
    HIGH merged), A's visit LOW, B's attack by an unknown never scored, its denied one 0.04."""
    a, b = sample_extractions()
    a.interactions[0].confidence = 0.6
    a.interactions[1].confidence = LOW
    b.interactions[0].confidence = HIGH
    b.interactions[2].confidence = 0.04
    return [a, b]


def corpus(version: int, n_docs: int = 24, seed: int = 5) -> list[DocumentExtraction]:
    """Documents that share many actors (in changing versions), some interactions and
    affiliations; `version` 2 changes every third document and drops others' facts."""
    rng = random.Random(seed)
    people = [person(f"p{i}", f"Person {i}") for i in range(40)]
    places = [place(f"c{i}", f"City {i}") for i in range(4)]
    out: list[DocumentExtraction] = []
    for d in range(n_docs):
        doc = f"doc{d:02d}.txt"
        changed = version == 2 and d % 3 == 0
        cast = rng.sample(people, 5) + rng.sample(places, 2)
        if changed:
            cast = cast[:3] + places[:1]  # actors dropped: orphan candidates
        alias = f" ({doc})"  # a version of the actor only this document lists
        cast = [
            Actor(a.id, a.name, a.kind, aliases=(a.name + alias,) if rng.random() < 0.3 else ())
            for a in cast
        ]
        who = [a.id for a in cast if a.kind is ActorKind.PERSON]
        where = [a.id for a in cast if a.kind is ActorKind.PLACE]
        its = []
        for k in range(6):
            s, t = rng.sample(who, 2)
            date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            status = rng.choice([ClaimStatus.ASSERTED, ClaimStatus.REPORTED, ClaimStatus.DENIED])
            its.append(meeting(doc, s, t, date, f"{s} met {t} ({doc} {k}).", status=status))
            its.append(visit(doc, s, rng.choice(where), date[:7]))
        if d % 5 == 1:  # the meeting the previous document told first, told again
            prior = out[-1].interactions[0]
            its.append(meeting(doc, prior.source, prior.target, prior.date, status=prior.status))
            cast += [a for a in out[-1].actors if a.id in (prior.source, prior.target)]
        attacker = None if d % 4 == 0 else who[0]
        its.append(attack(doc, attacker, places[d % 2].id, f"2024-03-0{d // 8 + 1}"))
        cast.append(places[d % 2])
        affs = [Affiliation(AffiliationKind.MEMBER_OF, who[0], who[1], "member", None, None, None)]
        if changed:
            its = its[:4]
        out.append(extraction(doc, actors=cast, interactions=its, affiliations=affs, text=doc))
    return out
