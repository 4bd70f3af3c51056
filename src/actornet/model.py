"""Typed records passed between the steps of the flow.

Path -> Document -> Sentence -> Mention -> Actor | Interaction(Evidence...) -> GraphStore
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Actor",
    "ActorKind",
    "Affiliation",
    "AffiliationKind",
    "ClaimStatus",
    "DatePrecision",
    "Document",
    "DocumentExtraction",
    "Evidence",
    "Interaction",
    "InteractionType",
    "Mention",
    "Role",
    "Sentence",
    "interaction_id",
    "normalise_name",
    "slugify",
    "split_outlets",
]


class ActorKind(StrEnum):
    """Node sublabels. Fixed: Neo4j labels come only from here."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COUNTRY = "Country"
    PLACE = "Place"


class InteractionType(StrEnum):
    """Relationship types. Fixed: Neo4j relationship types come only from here."""

    MET_WITH = "MET_WITH"
    VISITED = "VISITED"
    SIGNED_AGREEMENT = "SIGNED_AGREEMENT"
    ATTACKED = "ATTACKED"

    @property
    def symmetric(self) -> bool:
        return self in (InteractionType.MET_WITH, InteractionType.SIGNED_AGREEMENT)


class AffiliationKind(StrEnum):
    """Standing, dated relations between actors."""

    HOLDS_ROLE = "HOLDS_ROLE"
    MEMBER_OF = "MEMBER_OF"
    PART_OF = "PART_OF"


class ClaimStatus(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    UNCONFIRMED = "unconfirmed"
    DENIED = "denied"
    PLANNED = "planned"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @classmethod
    def of(cls, iso: str | None) -> DatePrecision | None:
        """Precision of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string."""
        if not iso:
            return None
        return {4: cls.YEAR, 7: cls.MONTH, 10: cls.DAY}.get(len(iso))


@dataclass(frozen=True)
class Document:
    """One ingested report. `id` is its path under the ingested folder (absolute for a file
    named alone), `path` the absolute file path; `text` is the normalised text."""

    id: str
    path: str
    text: str
    sha256: str
    title: str = ""
    period_start: str | None = None  # ISO date
    period_end: str | None = None
    period_stated: bool = False  # False when inferred from the dates in the text
    format: str = "txt"

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Sentence:
    document: str
    index: int
    start: int
    end: int
    text: str
    section: str = ""


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names (or describes) an actor."""

    actor_id: str
    start: int  # offsets into the document text
    end: int
    text: str
    kind: ActorKind
    via: str = "name"  # name | alias | surname | role | description


@dataclass(frozen=True)
class Role:
    title: str
    org: str | None = None  # actor id
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, inclusive

    def affiliation(self, actor_id: str) -> Affiliation:
        """The standing relation `actor_id` HOLDS_ROLE this role in its organisation."""
        assert self.org is not None
        return Affiliation(
            AffiliationKind.HOLDS_ROLE, actor_id, self.org, self.title, self.start, self.end
        )

    def active_on(self, iso: str | None) -> bool:
        if not iso:
            return True
        if self.start and iso[: len(self.start)] < self.start[: len(iso)]:
            return False
        return not (self.end and iso[: len(self.end)] > self.end[: len(iso)])


@dataclass
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    country: str | None = None  # ISO-3166 alpha-3
    proxy: bool = False
    state: bool = False  # part of a state apparatus (used for the "Tehran" set)
    parent: str | None = None  # actor id of the parent organisation
    roles: tuple[Role, ...] = ()
    died: str | None = None  # ISO date
    origin: str = "gazetteer"  # gazetteer | discovered

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Affiliation:
    """A standing relation: person holds role in org, org is part of org, ..."""

    kind: AffiliationKind
    source: str
    target: str
    title: str = ""
    start: str | None = None
    end: str | None = None
    document: str | None = None  # None when it comes from the gazetteer


@dataclass(frozen=True, slots=True)  # slots: a million interactions' evidence in less memory
class Evidence:
    document: str
    start: int
    end: int
    quote: str
    cited_source: str | None = None  # the outlet; several "; "-joined: "IRNA; Mehr"
    section: str = ""

    @property
    def cited_outlets(self) -> tuple[str, ...]:
        """The outlets the evidence cites, one by one ("IRNA; Mehr" is IRNA and Mehr)."""
        return split_outlets(self.cited_source)


@dataclass(slots=True)
class Interaction:
    type: InteractionType
    source: str | None  # actor id; None when unknown (an unknown attacker)
    target: str
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    place: str | None = None  # actor id of a Place or Country
    status: ClaimStatus = ClaimStatus.ASSERTED
    mode: str | None = None
    implicit: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    id: str = ""
    confirmed_by: tuple[str, ...] = ()  # analysts who checked it (see actornet.judgements)
    confidence: float | None = None  # the learned scorer's probability; None: never scored

    def __post_init__(self) -> None:
        if not self.id:
            self.id = interaction_id(self.type, self.source, self.target, self.date, self.status)

    @property
    def date_precision(self) -> DatePrecision | None:
        return DatePrecision.of(self.date)

    @property
    def documents(self) -> list[str]:
        return sorted({e.document for e in self.evidence})

    @property
    def cited_sources(self) -> list[str]:
        """Every outlet its evidence cites, one by one, sorted ("reported by")."""
        return sorted({o for e in self.evidence for o in e.cited_outlets})


@dataclass
class DocumentExtraction:
    """Everything extracted from one document; stored in one transaction."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def interaction_id(
    type_: InteractionType | str,
    source: str | None,
    target: str,
    date: str | None,
    status: ClaimStatus | str = ClaimStatus.ASSERTED,
) -> str:
    """Stable id: the same fact from two documents gets the same id."""
    t = InteractionType(type_)
    ends = [source or "?", target]
    if t.symmetric:
        ends.sort()
    denied = "denied" if ClaimStatus(status) is ClaimStatus.DENIED else ""
    key = "|".join([t.value, *ends, date or "", denied])
    return t.value.lower() + "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "´": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\-]+")


def split_outlets(cited: str | None) -> tuple[str, ...]:
    """The outlets of a stored `cited_source`: "IRNA; Mehr" is ("IRNA", "Mehr")."""
    return tuple(dict.fromkeys(o.strip() for o in (cited or "").split(";") if o.strip()))


def normalise_name(name: str) -> str:
    """Case-, accent-, apostrophe- and dash-insensitive key; a leading 'the' is dropped."""
    s = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _DASHES.sub(" ", s).replace("'", "")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def slugify(name: str) -> str:
    return normalise_name(name).replace(" ", "-") or "unnamed"
