"""Word lists of the genre: titles, honorifics, organisation heads, triggers. Data, not logic."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from actornet.model import InteractionType

__all__ = [
    "ADMIN_AREAS",
    "ARABIC_ORG_PREFIXES",
    "COLLECTIVE_HEADS",
    "FUNCTION_WORDS",
    "GENERIC_HEADS",
    "HONORIFICS",
    "MODIFIERS",
    "MONTHS",
    "NAME_PARTICLES",
    "ORG_HEADS",
    "PATRON_PARTICIPLES",
    "PLURAL_ORG_HEADS",
    "POSTED_TITLES",
    "TITLE_HEADS",
    "TITLE_SYNONYMS",
    "loose_triggers",
]

# Head words of office titles, folded. Multi-word heads first.
TITLE_HEADS: tuple[tuple[str, ...], ...] = tuple(
    tuple(t.split())
    for t in (
        "prime minister",
        "vice president",
        "secretary general",
        "secretary-general",
        "chief of staff",
        "supreme leader",
        "national security adviser",
        "nsa",
        "cultural attache",
        "charge d'affaires",
        "minister",
        "president",
        "speaker",
        "commander",
        "secretary",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "ambassador",
        "adviser",
        "advisor",
        "envoy",
        "attache",
        "head",
        "chairman",
        "chair",
        "chief",
        "director",
        "leader",
        "governor",
        "representative",
        "deputy",
        "consul",
        "emir",
        "king",
        "crown prince",
        "mayor",
        "mufti",
        "founder",
        "coordinator",
        "administrator",
        "commissioner",
        "undersecretary",
    )
)
# Portfolio words of titles: "Minister of Foreign Affairs", "Secretary of State".
PORTFOLIO_WORDS = frozenset(
    [
        "defense",
        "defence",
        "foreign",
        "affairs",
        "interior",
        "oil",
        "economy",
        "finance",
        "intelligence",
        "justice",
        "health",
        "culture",
        "staff",
        "commerce",
        "industry",
        "trade",
        "energy",
        "roads",
        "agriculture",
        "education",
        "security",
        "information",
        "communications",
        "internal",
        "supplies",
        "petroleum",
        "housing",
        "transport",
        "labor",
        "state",  # "Secretary of State X", "Minister of State for ..."
    ]
)

TITLE_SYNONYMS = {
    "advisor": "adviser",
    "spokesperson": "spokesman",
    "spokeswoman": "spokesman",
    "secretary-general": "secretary general",
    "chair": "chairman",
    "defence": "defense",
    "nsa": "national security adviser",
}
# Heads that name the top of any organisation; they match each other.
GENERIC_HEADS = frozenset({"head", "chairman", "chief", "director", "leader", "president"})
# Words before a title that do not change who holds it.
MODIFIERS = frozenset(
    [
        "the",
        "a",
        "an",
        "senior",
        "special",
        "former",
        "incoming",
        "outgoing",
        "new",
        "acting",
        "current",
        "then",
        "late",
        "top",
        "high-ranking",
        "interim",
        "caretaker",
        "first",  # "the first deputy to the president" is a deputy, not the president
    ]
)
# Styles of address before a name, as lower-case tokens, longest first ("H.E." is four).
STYLES = (
    ("his", "royal", "highness"),
    ("her", "royal", "highness"),
    ("h", ".", "e", "."),
    ("his", "excellency"),
    ("her", "excellency"),
    ("his", "highness"),
    ("her", "highness"),
    ("his", "majesty"),
    ("her", "majesty"),
    ("hrh",),
)
# Titles posted "to" a place: "the Iranian Ambassador to Baghdad" (any other head "to" a
# place is on the move: "the head of the organisation to Damascus").
POSTED_TITLES = frozenset(
    ["ambassador", "envoy", "attache", "cultural attache", "consul", "charge d'affaires"]
)
# Titles that act for a principal: "the envoy of the president" is the envoy, not the president.
AGENT_TITLES = frozenset(
    ["envoy", "special envoy", "adviser", "spokesman", "representative", "deputy", "assistant"]
)
HONORIFICS = frozenset(
    [
        "hajj",
        "haj",
        "sheikh",
        "shaykh",
        "sayyed",
        "sayyid",
        "seyyed",
        "ayatollah",
        "grand",
        "hojjat",
        "ul",
        "islam",
        "hojatoleslam",
        "hojjatoleslam",
        "hujjat",
        "al-islam",
        "mullah",
        "imam",
        "dr",
        "mr",
        "mrs",
        "ms",
        "general",
        "gen",
        "brigadier",
        "major",
        "colonel",
        "lieutenant",
        "admiral",
        "rear",
        "sardar",
        "president",
        "king",
        "prince",
        "emir",
        "sheikha",
    ]
)
NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "abd",
        "abdul",
        "abdel",
        "umm",
        "ul",
        "ud",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "da",
        "de",
        "van",
        "von",
    ]
)
ORG_HEADS = frozenset(
    [
        "organization",
        "organisation",
        "council",
        "ministry",
        "army",
        "forces",
        "force",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "movement",
        "party",
        "front",
        "company",
        "agency",
        "committee",
        "chamber",
        "center",
        "centre",
        "university",
        "embassy",
        "office",
        "corps",
        "group",
        "militia",
        "militias",
        "bank",
        "court",
        "assembly",
        "parliament",
        "commission",
        "authority",
        "guard",
        "guards",
        "unit",
        "foundation",
        "institute",
        "association",
        "union",
        "league",
        "network",
        "airline",
        "airlines",
        "air",
        "lines",
        "line",
        "shipping",
        "port",
        "airport",
        "base",
        "headquarters",
        "hq",
        "directorate",
        "service",
        "services",
        "police",
        "command",
        "coalition",
        "alliance",
        "government",
        "cabinet",
        "judiciary",
        "foundation",
        "network",
        "channel",
        "radio",
        "television",
        "tv",
        "news",
        "administration",
        "groups",
        "bureau",
        "department",
        "secretariat",
        "board",
        "fund",
        "federation",
        "syndicate",
        "institution",
        "corporation",
        "establishment",
        "industries",
        "organisation",
    ]
)
ARABIC_ORG_PREFIXES = frozenset(
    [
        "kataib",
        "kata'ib",
        "harakat",
        "saraya",
        "liwa",
        "asaib",
        "asa'ib",
        "ansar",
        "jaish",
        "quwat",
        "firqat",
        "alwiya",
        "hezbollah",
        "hizballah",
        "tanzim",
        "jabhat",
        "hayat",
        "hay'at",
    ]
)
# Plural nouns of unnamed collectives ("senior Iraqi politicians", "commanders of the militias").
COLLECTIVE_HEADS = frozenset(
    [
        "officials",
        "politicians",
        "commanders",
        "commander",
        "leaders",
        "representatives",
        "members",
        "delegates",
        "diplomats",
        "officers",
        "militias",
        "militiamen",
        "fighters",
        "activists",
        "clerics",
        "businessmen",
    ]
)
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "that",
        "which",
        "who",
        "whom",
        "this",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "it",
        "he",
        "she",
        "they",
        "during",
        "after",
        "before",
        "following",
        "according",
        "meanwhile",
        "however",
        "also",
        "in",
        "addition",
    ]
)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
# A country named as patron: "Iran-aligned militia groups" (a proxy cue, as "Iranian-backed").
PATRON_PARTICIPLES = frozenset(
    ["aligned", "backed", "allied", "sponsored", "supported", "affiliated", "linked"]
)

# An administrative area after a place ends a posting: "Shadow Governor for Herat Province".
ADMIN_AREAS = frozenset(["province", "governorate", "district", "region", "county"])

# "Coalition Forces and Sunnis": after a plural head, "and" coordinates two parties.
PLURAL_ORG_HEADS = frozenset(
    ["forces", "militias", "groups", "brigades", "battalions", "guards", "services"]
)


@cache
def loose_triggers() -> dict[str, InteractionType]:
    """Word forms that may tell an interaction -> its type (`proposers/loose_triggers.yaml`):
    the loose proposer's triggers, and words that tell an act rather than a title."""
    text = resources.files("actornet.extract.proposers").joinpath("loose_triggers.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    return {
        word: InteractionType(type_)
        for type_ in InteractionType
        for word in data.get(type_.value, [])
    }
