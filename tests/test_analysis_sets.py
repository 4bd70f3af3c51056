"""SPEC resolution: Tehran, proxies, names."""

from __future__ import annotations

import pytest

from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.sets import proxy_set, resolve_spec, tehran_set
from actornet.errors import ActornetError
from actornet.model import Actor, ActorKind, Affiliation, AffiliationKind, Role

P, ORG, C = ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY
ACTORS = [
    Actor("iran", "Iran", C, country="IRN"),
    Actor("iraq", "Iraq", C, country="IRQ"),
    Actor("irgc", "Islamic Revolutionary Guard Corps", ORG, ("IRGC",), country="IRN", state=True),
    Actor("qods-force", "Qods Force", ORG, country="IRN", parent="irgc"),  # state only via parent
    Actor("snsc", "Supreme National Security Council", ORG, country="IRN", state=True),
    Actor(
        "qaani",
        "Esmail Qa'ani",
        P,
        ("Qaani",),
        country="IRN",
        roles=(Role("commander", "qods-force", "2020-01-03"),),
    ),
    Actor("shamkhani", "Ali Shamkhani", P),  # role from an affiliation record
    Actor("kh", "Kataib Hezbollah", ORG, country="IRQ", proxy=True, parent="irgc"),
    Actor("nujaba", "Harakat al-Nujaba", ORG, ("Nujaba",), country="IRQ", proxy=True),
    Actor("kadhimi", "Mustafa al-Kadhimi", P, country="IRQ", state=True),
    Actor("tehran", "Tehran", ActorKind.PLACE, country="IRN"),
    Actor("ali-a", "Ali Akbar", P),
    Actor("ali-b", "Ali Akbar Velayati", P),
]
AFFS = [Affiliation(AffiliationKind.HOLDS_ROLE, "shamkhani", "snsc", "secretary")]
TEHRAN = {"iran", "irgc", "qods-force", "snsc", "qaani", "shamkhani"}


def test_tehran_from_lists_and_graphs() -> None:
    assert tehran_set(ACTORS, AFFS) == TEHRAN
    G = build_multigraph(ACTORS, [], AFFS)
    assert tehran_set(G) == TEHRAN
    assert tehran_set(collapse(G)) == TEHRAN
    assert "kh" not in tehran_set(G)  # proxies never count as the state, even inside the IRGC
    assert "tehran" not in tehran_set(G)  # the city is not the state


def test_proxies() -> None:
    assert proxy_set(ACTORS) == {"kh", "nujaba"}
    assert resolve_spec(build_multigraph(ACTORS, []), "proxies") == {"kh", "nujaba"}


def test_names_aliases_ids_and_lists() -> None:
    G = build_multigraph(ACTORS, [], AFFS)
    assert resolve_spec(G, "Nujaba") == {"nujaba"}
    assert resolve_spec(G, "qaani, IRGC") == {"qaani", "irgc"}
    assert resolve_spec(G, "ali-a") == {"ali-a"}
    assert resolve_spec(G, "actor:Tehran") == {"tehran"}
    assert resolve_spec(G, "TEHRAN") == TEHRAN
    assert resolve_spec(ACTORS, "Tehran, Nujaba", affiliations=AFFS) == TEHRAN | {"nujaba"}


def test_unknown_and_ambiguous_names() -> None:
    with pytest.raises(ActornetError, match="no actor matches 'Hamas'"):
        resolve_spec(ACTORS, "Hamas")
    with pytest.raises(ActornetError, match=r"ambiguous: .*ali-a.*ali-b|ambiguous: .*ali-b"):
        resolve_spec(ACTORS, "Ali")
    with pytest.raises(ActornetError):
        resolve_spec([a for a in ACTORS if not a.proxy], "proxies")
    with pytest.raises(ActornetError):
        resolve_spec(ACTORS, " , ")
