"""Data-quality tests for seeds/gazetteer.yaml (the curated actor gazetteer).

Every check is a function returning a list of problems, so the same checks run on the real file
(expecting no problems) and on small deliberately broken gazetteers (expecting problems): this
keeps the tests honest (they can fail).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from actornet.model import normalise_name

GAZETTEER = Path(__file__).resolve().parents[1] / "seeds" / "gazetteer.yaml"

KINDS = {"Person", "Organization", "Place"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
ACTOR_KEYS = {
    "id",
    "name",
    "kind",
    "aliases",
    "country",
    "state",
    "proxy",
    "parent",
    "member_of",
    "roles",
    "died",
    "founded",
}
REQUIRED_ACTOR_KEYS = {"id", "name", "kind"}
COUNTRY_KEYS = {"id", "name", "iso3", "aliases", "demonyms", "capital"}
ROLE_KEYS = {"title", "org", "start", "end"}
TOP_KEYS = {"version", "countries", "actors", "outlets", "titles", "title_aliases"}

# Genuinely ambiguous bare names that are deliberately given to more than one actor; the
# extractor must disambiguate them from context (the full name used earlier in the document,
# or the role active on the report date). normalised alias -> the actor ids allowed to share it.
AMBIGUOUS_ALIASES: dict[str, set[str]] = {
    # Abbas Mousavi (MFA spokesman 2019-2020), Abdolrahim Mousavi (Artesh commander 2017-2025,
    # chief of staff from 2025) and Razi Mousavi (Qods Force, Syria; killed 2023-12-25) are all
    # called plain "Mousavi" in reports.
    "mousavi": {"abbas-mousavi", "abdolrahim-mousavi", "razi-mousavi"},
}

# Offices held by one person at a time (per org): overlapping tenures signal a data error.
SINGLETON_TITLES = {
    "Supreme Leader",
    "President",
    "Prime Minister",
    "First Vice President",
    "Speaker",
    "King",
    "Emir",
    "Sultan",
    "Crown Prince",
    "Secretary General",
    "Secretary",
    "Chairman",
    "Commander",
    "Chief of Staff",
    "Head",
    "Leader",
    "Director",
    "Director General",
    "Governor",
    "Spokesman",
    "Spokesperson",
    "Custodian",
    "National Security Adviser",
    "Secretary of State",
    "Secretary of Defense",
    "Ambassador to the UN",
}
SINGLETON_PREFIXES = ("Minister of ", "Special Envoy for ")


# --------------------------------------------------------------------------- helpers


def load(path: Path = GAZETTEER) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def entities(data: dict) -> list[dict]:
    """Countries and actors together (ids and names share one namespace)."""
    return [*(data.get("countries") or []), *(data.get("actors") or [])]


def names_of(entry: dict) -> list[str]:
    return [entry.get("name"), *(entry.get("aliases") or [])]


def is_valid_date(value: object) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def before(a: str, b: str) -> bool:
    """a < b, compared at the precision both dates share ("2021" is not before "2021-08")."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def singleton(title: str) -> bool:
    return title in SINGLETON_TITLES or title.startswith(SINGLETON_PREFIXES)


# --------------------------------------------------------------------------- checks


def check_structure(data: dict) -> list[str]:
    problems = []
    if not isinstance(data, dict):
        return ["top level is not a mapping"]
    if data.get("version") != 1:
        problems.append(f"version must be 1, got {data.get('version')!r}")
    for key in set(data) - TOP_KEYS:
        problems.append(f"unknown top-level key {key!r}")
    for key in ("countries", "actors", "outlets", "titles"):
        if not isinstance(data.get(key), list) or not data.get(key):
            problems.append(f"{key} must be a non-empty list")
    for c in data.get("countries") or []:
        if set(c) != COUNTRY_KEYS:
            problems.append(f"country {c.get('id')}: keys {sorted(set(c) ^ COUNTRY_KEYS)}")
    for a in data.get("actors") or []:
        if not set(a) >= REQUIRED_ACTOR_KEYS:
            problems.append(f"actor {a.get('id')}: missing {sorted(REQUIRED_ACTOR_KEYS - set(a))}")
        if set(a) - ACTOR_KEYS:
            problems.append(f"actor {a.get('id')}: unknown keys {sorted(set(a) - ACTOR_KEYS)}")
        for r in a.get("roles") or []:
            if not isinstance(r, dict) or set(r) - ROLE_KEYS or "title" not in r:
                problems.append(f"actor {a.get('id')}: bad role {r!r}")
    return problems


def check_types(data: dict) -> list[str]:
    """Catch YAML pitfalls: unquoted dates, yes/no booleans, numbers where strings belong."""
    problems = []
    for e in entities(data):
        label = e.get("id")
        for field in ("id", "name"):
            if not isinstance(e.get(field), str) or not e.get(field).strip():
                problems.append(f"{label}: {field} must be a non-empty string")
        for field in ("aliases", "demonyms", "member_of", "roles"):
            if field in e and not isinstance(e[field], list):
                problems.append(f"{label}: {field} must be a list")
        for s in [*(e.get("aliases") or []), *(e.get("demonyms") or [])]:
            if not isinstance(s, str) or not s.strip():
                problems.append(f"{label}: alias/demonym {s!r} is not a non-empty string")
            elif s != s.strip() or "  " in s:
                problems.append(f"{label}: stray whitespace in {s!r}")
            elif any(ch in s for ch in "\u2018\u2019\u201c\u201d"):
                problems.append(f"{label}: use straight apostrophes/quotes in {s!r}")
        for field in ("state", "proxy"):
            if field in e and not isinstance(e[field], bool):
                problems.append(f"{label}: {field} must be true/false, got {e[field]!r}")
        for field in ("country", "parent", "died", "capital"):
            if e.get(field) is not None and not isinstance(e[field], str):
                problems.append(f"{label}: {field} must be a string or null, got {e[field]!r}")
    return problems


def check_ids(data: dict) -> list[str]:
    problems = []
    seen: set[str] = set()
    for e in entities(data):
        i = e.get("id")
        if not isinstance(i, str) or not SLUG.match(i):
            problems.append(f"id {i!r} is not a lowercase slug")
        if i in seen:
            problems.append(f"duplicate id {i!r}")
        seen.add(i)
    return problems


def check_kinds(data: dict) -> list[str]:
    return [
        f"{a.get('id')}: invalid kind {a.get('kind')!r}"
        for a in data.get("actors") or []
        if a.get("kind") not in KINDS
    ]


def check_references(data: dict) -> list[str]:
    problems = []
    kind = {c["id"]: "Country" for c in data.get("countries") or []}
    kind.update({a["id"]: a.get("kind") for a in data.get("actors") or []})
    actors = {a["id"]: a for a in data.get("actors") or []}
    iso3 = {c.get("iso3") for c in data.get("countries") or []}
    for c in data.get("countries") or []:
        cap = c.get("capital")
        if cap is not None:
            if kind.get(cap) != "Place":
                problems.append(f"country {c['id']}: capital {cap!r} is not a Place id")
            elif actors[cap].get("country") != c.get("iso3"):
                problems.append(f"country {c['id']}: capital {cap!r} lies in another country")
    for a in data.get("actors") or []:
        aid, k = a["id"], a.get("kind")
        parent = a.get("parent")
        if parent is not None:
            if k != "Organization":
                problems.append(f"{aid}: only Organizations have a parent")
            if kind.get(parent) not in ("Organization", "Country"):
                problems.append(f"{aid}: parent {parent!r} is not an Organization/Country id")
            if parent == aid:
                problems.append(f"{aid}: is its own parent")
        for m in a.get("member_of") or []:
            if kind.get(m) != "Organization":
                problems.append(f"{aid}: member_of {m!r} is not an Organization id")
        if k == "Place" and (a.get("roles") or a.get("member_of")):
            problems.append(f"{aid}: a Place has no roles or memberships")
        if k != "Person" and a.get("roles"):
            problems.append(f"{aid}: only Persons hold roles")
        for r in a.get("roles") or []:
            if kind.get(r.get("org")) not in ("Organization", "Country"):
                problems.append(f"{aid}: role org {r.get('org')!r} is not an Org/Country id")
        if a.get("country") is not None and a["country"] not in iso3:
            problems.append(f"{aid}: country {a['country']!r} is not the iso3 of a country")
    # parent chains must terminate (no cycles)
    for a in data.get("actors") or []:
        chain, cur = [], a["id"]
        while cur in actors and actors[cur].get("parent"):
            if cur in chain:
                problems.append(f"{a['id']}: parent cycle {' -> '.join([*chain, cur])}")
                break
            chain.append(cur)
            cur = actors[cur]["parent"]
    return problems


def check_countries(data: dict) -> list[str]:
    problems = []
    seen_iso: set[str] = set()
    seen_demonym: dict[str, str] = {}
    for c in data.get("countries") or []:
        code = c.get("iso3")
        if not isinstance(code, str) or not ISO3.match(code):
            problems.append(f"country {c.get('id')}: iso3 {code!r} is not 3 upper-case letters")
        if code in seen_iso:
            problems.append(f"duplicate iso3 {code!r}")
        seen_iso.add(code)
        for d in c.get("demonyms") or []:
            key = normalise_name(d)
            if key in seen_demonym and seen_demonym[key] != c["id"]:
                problems.append(f"demonym {d!r} used by {seen_demonym[key]} and {c['id']}")
            seen_demonym[key] = c["id"]
    return problems


def check_dates(data: dict) -> list[str]:
    problems = []
    for a in data.get("actors") or []:
        aid = a["id"]
        died = a.get("died")
        if died is not None:
            if not is_valid_date(died):
                problems.append(f"{aid}: died {died!r} is not an ISO date")
            if a.get("kind") != "Person":
                problems.append(f"{aid}: only Persons die")
        for r in a.get("roles") or []:
            start, end = r.get("start"), r.get("end")
            for label, value in (("start", start), ("end", end)):
                if value is not None and not is_valid_date(value):
                    problems.append(f"{aid}: role {r.get('title')!r} {label} {value!r} not ISO")
            if is_valid_date(start) and is_valid_date(end) and before(end, start):
                problems.append(f"{aid}: role {r.get('title')!r} ends {end} before {start}")
            if is_valid_date(died):
                if end is None:
                    problems.append(f"{aid}: died {died} but role {r.get('title')!r} never ends")
                elif is_valid_date(end) and before(died, end):
                    problems.append(f"{aid}: role {r.get('title')!r} ends {end} after death")
                if is_valid_date(start) and before(died, start):
                    problems.append(f"{aid}: role {r.get('title')!r} starts after death")
    return problems


def check_flags(data: dict) -> list[str]:
    problems = []
    for a in data.get("actors") or []:
        aid = a["id"]
        if a.get("proxy"):
            if a.get("kind") != "Organization":
                problems.append(f"{aid}: proxy must be an Organization (persons are never proxy)")
            if not a.get("country"):
                problems.append(f"{aid}: proxy without country")
            if a.get("state"):
                problems.append(f"{aid}: a proxy is a NON-state armed group (state: true)")
        if a.get("kind") == "Place" and a.get("state"):
            problems.append(f"{aid}: a Place is not part of a state apparatus")
    return problems


def check_aliases(data: dict, allow: dict[str, set[str]] | None = None) -> list[str]:
    allow = AMBIGUOUS_ALIASES if allow is None else allow
    owners: dict[str, set[str]] = defaultdict(set)
    problems = []
    for e in entities(data):
        for n in names_of(e):
            key = normalise_name(n) if isinstance(n, str) else ""
            if not key:
                problems.append(f"{e.get('id')}: name/alias {n!r} normalises to nothing")
                continue
            owners[key].add(e["id"])
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and not ids <= allow.get(key, set()):
            problems.append(f"alias {key!r} shared by {sorted(ids)}")
    for key, ids in allow.items():
        if owners.get(key, set()) != ids:
            problems.append(f"allow-list entry {key!r} is stale: owners are {sorted(owners[key])}")
    return problems


def check_outlets(data: dict) -> list[str]:
    problems = []
    owner: dict[str, str] = {}
    for o in data.get("outlets") or []:
        name = o.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"outlet with bad name {name!r}")
            continue
        if set(o) - {"name", "aliases"}:
            problems.append(f"outlet {name}: unknown keys {sorted(set(o) - {'name', 'aliases'})}")
        for n in {normalise_name(x) for x in [name, *(o.get("aliases") or [])]}:
            if not n:
                problems.append(f"outlet {name}: alias normalises to nothing")
            elif n in owner and owner[n] != name:
                problems.append(f"outlet alias {n!r} shared by {owner[n]!r} and {name!r}")
            owner[n] = name
    return problems


def check_titles(data: dict) -> list[str]:
    problems = []
    seen: set[str] = set()
    for t in data.get("titles") or []:
        if not isinstance(t, str) or not t.strip():
            problems.append(f"bad title {t!r}")
            continue
        key = normalise_name(t)
        if key in seen:
            problems.append(f"duplicate title {t!r}")
        seen.add(key)
    for k, v in (data.get("title_aliases") or {}).items():
        if (
            not isinstance(k, str)
            or not isinstance(v, str)
            or normalise_name(k) == normalise_name(v)
        ):
            problems.append(f"bad title alias {k!r} -> {v!r}")
    return problems


def check_tenures(data: dict) -> list[str]:
    """Two different people in the same one-person office at the same time."""
    by_office: dict[tuple[str, str], list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for a in data.get("actors") or []:
        for r in a.get("roles") or []:
            if singleton(r.get("title", "")):
                by_office[(r["title"], r.get("org"))].append(
                    (a["id"], r.get("start"), r.get("end"))
                )
    problems = []
    for office, holders in by_office.items():
        for i, (p1, s1, e1) in enumerate(holders):
            for p2, s2, e2 in holders[i + 1 :]:
                if p1 == p2:
                    continue
                if (s1 is None or e2 is None or before(s1, e2)) and (
                    s2 is None or e1 is None or before(s2, e1)
                ):
                    problems.append(f"{office}: {p1} ({s1}..{e1}) overlaps {p2} ({s2}..{e2})")
    return problems


ALL_CHECKS = [
    check_structure,
    check_types,
    check_ids,
    check_kinds,
    check_references,
    check_countries,
    check_dates,
    check_flags,
    check_aliases,
    check_outlets,
    check_titles,
    check_tenures,
]


# --------------------------------------------------------------------------- the real file


@pytest.fixture(scope="module")
def data() -> dict:
    return load()


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_gazetteer_is_clean(data, check):
    problems = check(data)
    assert problems == [], "\n".join(problems[:50])


def test_coverage(data):
    kinds = defaultdict(int)
    for a in data["actors"]:
        kinds[a["kind"]] += 1
    assert len(data["countries"]) >= 40
    assert kinds["Person"] >= 150
    assert kinds["Organization"] >= 100
    assert kinds["Place"] >= 100
    assert len(data["outlets"]) >= 60
    assert len(data["titles"]) >= 80
    assert sum(1 for a in data["actors"] if a.get("proxy")) >= 20


def who_held(data: dict, title: str, org: str, on: str) -> list[str]:
    out = []
    for a in data["actors"]:
        for r in a.get("roles") or []:
            if r["title"] != title or r.get("org") != org:
                continue
            if r.get("start") and before(on, r["start"]):
                continue
            if r.get("end") and before(r["end"], on):
                continue
            out.append(a["id"])
    return out


@pytest.mark.parametrize(
    ("title", "org", "on", "expected"),
    [
        ("Commander", "qods-force", "2019-07-25", "qasem-soleimani"),
        ("Commander", "qods-force", "2020-11-18", "esmail-qaani"),
        ("Commander", "irgc", "2018-06-01", "mohammad-ali-jafari"),
        ("Commander", "irgc", "2020-11-15", "hossein-salami"),
        ("Chief of Staff", "iran-armed-forces", "2020-11-15", "mohammad-baqeri"),
        ("Secretary", "snsc", "2020-03-07", "ali-shamkhani"),
        ("Secretary", "snsc", "2023-09-01", "ali-akbar-ahmadian"),
        ("President", "iran", "2020-06-01", "hassan-rouhani"),
        ("President", "iran", "2022-06-01", "ebrahim-raisi"),
        ("Minister of Foreign Affairs", "iran", "2020-11-22", "mohammad-javad-zarif"),
        ("Minister of Foreign Affairs", "iran", "2021-11-07", "hossein-amir-abdollahian"),
        ("Spokesman", "iran-mfa", "2020-03-13", "abbas-mousavi"),
        ("Spokesman", "iran-mfa", "2021-11-15", "saeed-khatibzadeh"),
        ("Speaker", "majlis", "2019-08-05", "ali-larijani"),
        ("Speaker", "majlis", "2021-02-01", "mohammad-bagher-ghalibaf"),
        ("Special Adviser to the Speaker", "majlis", "2020-11-23", "hossein-amir-abdollahian"),
        ("Head", "iran-judiciary", "2021-02-15", "ebrahim-raisi"),
        ("President", "syria", "2021-02-10", "bashar-al-assad"),
        ("Minister of Foreign Affairs", "syria", "2020-06-01", "walid-al-muallem"),
        ("Minister of Foreign Affairs", "syria", "2021-02-10", "faisal-mekdad"),
        ("Prime Minister", "syria", "2021-02-10", "hussein-arnous"),
        ("Prime Minister", "iraq", "2020-03-08", "adel-abdul-mahdi"),
        ("Prime Minister", "iraq", "2021-11-08", "mustafa-al-kadhimi"),
        ("Prime Minister", "iraq", "2023-03-01", "mohammed-shia-al-sudani"),
        ("President", "iraq", "2020-03-09", "barham-salih"),
        ("Speaker", "iraq-parliament", "2021-11-10", "mohamed-al-halbousi"),
        ("Minister of Defense", "iraq", "2020-11-15", "juma-anad-saadoun"),
        ("Minister of Foreign Affairs", "iraq", "2021-11-07", "fuad-hussein"),
        ("Secretary General", "hezbollah", "2020-11-20", "hassan-nasrallah"),
        ("Head", "hamas-political-bureau", "2021-02-11", "ismail-haniyeh"),
        ("Special Envoy for Syria", "un", "2020-11-23", "geir-pedersen"),
        ("President", "united-states", "2020-11-20", "donald-trump"),
    ],
)
def test_known_office_holders(data, title, org, on, expected):
    assert who_held(data, title, org, on) == [expected]


@pytest.mark.parametrize(
    ("actor_id", "died"),
    [
        ("qasem-soleimani", "2020-01-03"),
        ("abu-mahdi-al-muhandis", "2020-01-03"),
        ("walid-al-muallem", "2020-11-16"),
        ("ebrahim-raisi", "2024-05-19"),
        ("imad-mughniyeh", "2008-02-12"),
    ],
)
def test_known_deaths(data, actor_id, died):
    assert {a["id"]: a for a in data["actors"]}[actor_id]["died"] == died


def test_tehran_core_and_proxies(data):
    actors = {a["id"]: a for a in data["actors"]}
    for i in ("irgc", "qods-force", "snsc", "majlis", "iran-mfa", "esmail-qaani"):
        assert actors[i]["state"] is True and actors[i]["country"] == "IRN", i
    for i in (
        "hezbollah",
        "kataib-hezbollah",
        "harakat-al-nujaba",
        "houthis",
        "hamas",
        "fatemiyoun",
        "zainabiyoun",
        "badr-organization",
        "asaib-ahl-al-haq",
    ):
        assert actors[i]["proxy"] is True and actors[i]["state"] is False, i
    assert actors["pmf"]["state"] is True and actors["pmf"]["proxy"] is False


def test_variants_resolve_to_one_actor(data):
    index: dict[str, set[str]] = defaultdict(set)
    for e in entities(data):
        for n in names_of(e):
            index[normalise_name(n)].add(e["id"])
    for variant, expected in [
        ("Qa\u2019ani", "esmail-qaani"),
        ("Faysal Miqdad", "faisal-mekdad"),
        ("Harakat al-Nujabaa\u2019", "harakat-al-nujaba"),
        ("Armed Forces General Staff", "iran-armed-forces"),
        ("Lattakia", "latakia"),
        ("Abu Kamal", "albu-kamal"),
        ("Hashd al-Shaabi", "pmf"),
        ("Daesh", "isis"),
        ("U.S.", "united-states"),
    ]:
        assert index[normalise_name(variant)] == {expected}, variant


# --------------------------------------------------------------------------- the checks can fail


def _mini() -> dict:
    return {
        "version": 1,
        "countries": [
            {
                "id": "iran",
                "name": "Iran",
                "iso3": "IRN",
                "aliases": [],
                "demonyms": ["Iranian"],
                "capital": "tehran",
            },
        ],
        "actors": [
            {
                "id": "tehran",
                "name": "Tehran",
                "kind": "Place",
                "aliases": [],
                "country": "IRN",
                "state": False,
                "proxy": False,
                "parent": None,
                "member_of": [],
                "roles": [],
                "died": None,
            },
            {
                "id": "irgc",
                "name": "IRGC",
                "kind": "Organization",
                "aliases": [],
                "country": "IRN",
                "state": True,
                "proxy": False,
                "parent": "iran",
                "member_of": [],
                "roles": [],
                "died": None,
            },
            {
                "id": "qasem-soleimani",
                "name": "Qasem Soleimani",
                "kind": "Person",
                "aliases": ["Soleimani"],
                "country": "IRN",
                "state": True,
                "proxy": False,
                "parent": None,
                "member_of": ["irgc"],
                "roles": [
                    {"title": "Commander", "org": "irgc", "start": "1998", "end": "2020-01-03"}
                ],
                "died": "2020-01-03",
            },
        ],
        "outlets": [{"name": "Tasnim", "aliases": ["Tasnim News Agency"]}],
        "titles": ["Commander"],
    }


def test_mini_gazetteer_is_clean():
    for check in ALL_CHECKS:
        assert check(_mini(), **({"allow": {}} if check is check_aliases else {})) == [], check


def _broken(mutate) -> dict:
    d = copy.deepcopy(_mini())
    mutate(d)
    return d


def _person(d):
    return d["actors"][2]


@pytest.mark.parametrize(
    ("check", "mutate"),
    [
        (check_structure, lambda d: d.update(version=2)),
        (check_structure, lambda d: _person(d).update(rank="General")),
        (check_types, lambda d: _person(d).update(died=dt.date(2020, 1, 3))),
        (check_types, lambda d: _person(d)["aliases"].append(False)),
        (check_types, lambda d: _person(d)["aliases"].append("Qa\u2019ani")),
        (check_ids, lambda d: _person(d).update(id="Qasem Soleimani")),
        (check_ids, lambda d: _person(d).update(id="irgc")),
        (check_kinds, lambda d: _person(d).update(kind="Human")),
        (check_references, lambda d: d["actors"][1].update(parent="artesh")),
        (check_references, lambda d: _person(d).update(member_of=["tehran"])),
        (check_references, lambda d: _person(d)["roles"][0].update(org="quds-force")),
        (check_references, lambda d: d["countries"][0].update(capital="isfahan")),
        (check_references, lambda d: _person(d).update(country="IRAN")),
        (check_references, lambda d: d["actors"][1].update(parent="irgc")),
        (check_countries, lambda d: d["countries"][0].update(iso3="Irn")),
        (check_dates, lambda d: _person(d)["roles"][0].update(start="2020-13")),
        (check_dates, lambda d: _person(d)["roles"][0].update(start="2021", end="2020")),
        (check_dates, lambda d: _person(d)["roles"][0].update(end="2020-06")),
        (check_dates, lambda d: _person(d)["roles"][0].update(end=None)),
        (check_flags, lambda d: _person(d).update(proxy=True)),
        (check_flags, lambda d: d["actors"][1].update(proxy=True, state=False, country=None)),
        (check_aliases, lambda d: d["actors"][1]["aliases"].append("soleimani")),
        (check_outlets, lambda d: d["outlets"].append({"name": "Tasnim news agency"})),
        (check_titles, lambda d: d["titles"].append("commander")),
        (
            check_tenures,
            lambda d: d["actors"].append(
                {
                    **copy.deepcopy(_person(d)),
                    "id": "esmail-qaani",
                    "name": "Esmail Qa'ani",
                    "aliases": [],
                    "died": None,
                    "roles": [{"title": "Commander", "org": "irgc", "start": "2019", "end": None}],
                }
            ),
        ),
    ],
)
def test_checks_detect_errors(check, mutate):
    kwargs = {"allow": {}} if check is check_aliases else {}
    assert check(_broken(mutate), **kwargs) != []
