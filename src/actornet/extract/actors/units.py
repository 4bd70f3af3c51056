"""Turn a sentence's tokens into argument units, resolving descriptions and surnames."""

from __future__ import annotations

import functools

from actornet.extract.actors.lexicon import FUNCTION_WORDS, PORTFOLIO_WORDS, TITLE_HEADS
from actornet.extract.actors.mentions import Description, Recognizer, Unit, skip_style
from actornet.extract.actors.mentions import heads_match as _heads
from actornet.extract.text import dateline_end
from actornet.model import ActorKind, slugify

__all__ = ["learn_appositives", "resolve_description", "units_in"]

_LABEL_RANKS = ("first", "deputy", "assistant", "vice")  # put before the head in a label
_INDEFINITE = frozenset(["a", "an", "another", "one"])
_BOUNDARY = {",", ".", "(", ")", ";", ":", "and", "who", "which", "'", '"'}


def _name_after(rec: Recognizer, j: int) -> tuple[int, str, ActorKind] | None:
    """A name (gazetteer person or discovered) starting at j."""
    span = rec.spans.get(j)
    if span:
        actor = rec.actor(span[1])
        if actor and actor.kind == ActorKind.PERSON:
            return span[0], span[1], ActorKind.PERSON
        return None
    found = rec.name_at(j)
    if found and found[2] == ActorKind.PERSON:
        return found[0], rec.discovered(found[1], ActorKind.PERSON, j, found[0]), ActorKind.PERSON
    return None


def _appositive(rec: Recognizer, j: int) -> tuple[int, str, str | None] | None:
    """After a description: `NAME`, `, NAME`, or `, ORG, NAME` -> (end, person id, org id)."""
    toks, n = rec.toks, len(rec.toks)
    if j < n and toks[j].text == "(":  # "... Guards Corps (IRGC), Qasem Soleimani"
        close = next((k for k in range(j, min(n, j + 8)) if toks[k].text == ")"), None)
        if close is not None:
            j = close + 1
    if j < n and toks[j].text != ",":
        hit = _name_after(rec, j)
        return (hit[0], hit[1], None) if hit else None
    if j + 1 >= n or toks[j].text != ",":
        return None
    hit = _name_after(rec, j + 1)
    if hit and (hit[0] >= n or toks[hit[0]].text in _BOUNDARY or not toks[hit[0]].capitalised):
        return hit[0], hit[1], None
    span = rec._org_span(j + 1)
    if span and span[0] + 1 < n and toks[span[0]].text == ",":
        hit = _name_after(rec, span[0] + 1)
        if hit:
            return hit[0], hit[1], span[1]
    # ", Industry, Mine and Agriculture, Masoud Khonsari": skip capitalised fragments of a title
    k, fragments = j, 0
    while k + 1 < n and toks[k].text == "," and fragments < 3:
        k += 1
        while k < n and (toks[k].capitalised or toks[k].text == "and") and toks[k].text != ",":
            hit = _name_after(rec, k) if toks[k].capitalised else None
            if hit and (hit[0] >= n or toks[hit[0]].text in _BOUNDARY):
                return hit[0], hit[1], None
            k += 1
        fragments += 1
    return None


def resolve_description(rec: Recognizer, desc: Description, pos: int = 0) -> str | None:
    """The person a bare description names: this document's appositives, then dated roles."""
    best: tuple[tuple[int, int], str] | None = None
    if not desc.org and len(desc.words) < 2:
        return None  # a bare "the head": too vague to resolve
    for (known, aid), at in zip(rec.known_roles, rec.known_at, strict=True):
        if not _heads(known.head, desc.head) or desc.former != known.former:
            continue  # "the former Iraqi Prime Minister" is not the one named as the PM
        if desc.org and known.org and desc.org != known.org:
            discovered = desc.org in rec.actors or known.org in rec.actors
            if not discovered or len(desc.words & known.words) < 2:
                continue
        if desc.org and not known.org and not _same_country(rec, aid, desc.org):
            continue
        if desc.qualifiers <= known.qualifiers | known.words | {known.org or ""}:
            overlap = len(desc.words & known.words)
            if not desc.org and not known.org and overlap < min(2, len(desc.words)):
                continue
            distance = abs(at - pos) + (0 if at <= pos else 10_000)
            if best is None or (overlap, -distance) > best[0]:
                best = ((overlap, -distance), aid)
    if best:
        return best[1]
    if desc.org and not desc.former:
        matches = _best_holders(rec, desc)
        if len(matches) == 1:
            return matches.pop()
    return None


def _living_holder(rec: Recognizer, pid: str, desc: Description) -> str | None:
    """The role-holder to credit when the named person was dead at the time (a source error).

    "the Commander of the Qods Force, Qasem Soleimani, visited Baghdad" in November 2020: he
    died in January 2020 and the dated role names Esmail Qa'ani, so the act is Qa'ani's and the
    conflict is kept for the quality flags.
    """
    person = rec.actor(pid)
    if not person or not person.died or not rec.on or person.died >= rec.on[: len(person.died)]:
        return None
    if desc.former or not desc.org:
        return None
    holders = _best_holders(rec, desc) - {pid}
    return holders.pop() if len(holders) == 1 else None


def _same_country(rec: Recognizer, person: str, org: str) -> bool:
    p, o = rec.actor(person), rec.actor(org)
    return bool(p and o and p.country and p.country == o.country)


@functools.lru_cache(maxsize=4096)
def _parse_title(title: str) -> tuple[str | None, frozenset[str]]:
    from actornet.extract.actors.gazetteer import name_key
    from actornet.extract.actors.lexicon import TITLE_HEADS, TITLE_SYNONYMS

    key = name_key(title)
    words = frozenset(TITLE_SYNONYMS.get(w, w) for w in key)
    for h in sorted(TITLE_HEADS, key=len, reverse=True):
        if tuple(key[: len(h)]) == h or tuple(key[-len(h) :]) == h:
            return TITLE_SYNONYMS.get(" ".join(h), " ".join(h)), words
    return None, words


_RANKS = frozenset([*_LABEL_RANKS, "acting", "second", "former"])  # a deputy is no head


def _role_fits(title: str, desc: Description) -> bool:
    head, words = _parse_title(title)
    if head is None or not _heads(head, desc.head):
        return False
    if (words & _RANKS) - desc.words:
        return False  # a deputy commander is not "the commander"
    return desc.qualifiers <= words


def _best_holders(rec: Recognizer, desc: Description) -> set[str]:
    """Holders of a fitting role on the document's date, the closest titles only."""
    scored: dict[str, int] = {}
    for pid, role in rec.gaz.holders(desc.org or "", rec.on):
        if _role_fits(role.title, desc):
            extra = len(_parse_title(role.title)[1] - desc.words - set(desc.head.split()))
            scored[pid] = min(extra, scored.get(pid, extra))
    if not scored:
        return set()
    low = min(scored.values())
    return {p for p, x in scored.items() if x == low}


def _unnamed(rec: Recognizer, desc: Description) -> str | None:
    """An unnamed role-holder ("the Iranian minister of defense") becomes a Person."""
    if not desc.org:
        return None
    org = rec.actor(desc.org)
    title = " ".join(w.capitalize() for w in desc.head.split())
    rest = desc.qualifiers - {desc.org}
    ranks = [r for r in _LABEL_RANKS if r in rest]  # "Deputy Minister of Defense", not "Minister of
    title = " ".join([*(r.capitalize() for r in ranks), title])  # Defense Deputy"
    quals = " ".join(sorted(rest - set(ranks)))
    label = f"{title}{' of ' + quals.title() if quals else ''} of {org.name if org else desc.org}"
    if desc.former:  # a former holder is not the office's holder now
        label = f"Former {label}"
    aid = slugify(label)
    if aid not in rec.actors:
        from actornet.model import Actor

        rec.actors[aid] = Actor(
            aid, label, ActorKind.PERSON, country=org.country if org else None, origin="discovered"
        )
    return aid


_PLURAL_TITLES = {h[0] + "s": h[0] for h in TITLE_HEADS if len(h) == 1}  # "ministers"


def _role_list(rec: Recognizer, i: int, t1: int) -> tuple[int, list[Unit]] | None:
    """ "the ministers of health, energy and trade [of Iraq]", "Iraq's ministers of ...": one
    unnamed holder per portfolio, each a unit on its own portfolio words. The state is the
    one named before or after the list, else the state of the place the sentence is in."""
    toks = rec.toks
    j, org = i, None
    if j < t1 and toks[j].text == "the":
        j += 1
    if j < t1 and toks[j].text in rec.gaz.demonyms and j not in rec.spans:
        org, j = rec.gaz.demonyms[toks[j].text], j + 1
    elif (span := rec.spans.get(j)) and toks[span[0] - 1].possessive:
        org, j = span[1], span[0]
    head = _PLURAL_TITLES.get(toks[j].text) if j < t1 else None
    if head is None or j + 2 >= t1 or toks[j + 1].text != "of":
        return None
    items: list[tuple[int, int]] = []
    k = j + 2
    while k < t1 and toks[k].text in PORTFOLIO_WORDS:
        start = k
        while k < t1 and toks[k].text in PORTFOLIO_WORDS:
            k += 1
        items.append((start, k))
        if k + 1 < t1 and toks[k].text in (",", "and") and toks[k + 1].text in PORTFOLIO_WORDS:
            k += 1
        elif k + 2 < t1 and toks[k].text == "," and toks[k + 1].text == "and":
            k += 2
        else:
            break
    if len(items) < 2:
        return None
    end = k
    after = k + 1 if k < t1 and toks[k].text == "of" else None
    if after is not None and after < t1 and toks[after].text == "the":
        after += 1
    if after is not None and (span := rec.spans.get(after)):
        named = rec.actor(span[1])
        place = named is not None and named.kind == ActorKind.PLACE
        org, end = org or (rec.state_of(span[1]) if place else span[1]), span[0]
    elif org is None and k + 1 < t1 and toks[k].text in ("of", "in"):
        # "the ministers of intelligence and culture in the interim Afghan government"
        x = k + 1
        while x < min(t1, k + 5) and not toks[x].capitalised:
            x += 1
        if x < t1 and toks[x].text in rec.gaz.demonyms and x not in rec.spans:
            org = rec.gaz.demonyms[toks[x].text]
    if org is None:  # "In Baghdad, X met with the ministers of ...": the host state
        located = [
            rec.spans[x][1] for x in range(max(1, i - 40), t1) if x in rec.spans
            and toks[x - 1].text in ("in", "to", "at")
        ]  # fmt: skip
        states = [st for a in located if (st := rec.state_of(a))]
        org = states[0] if states else None
    if org is None:
        return None
    units = []
    for a, b in items:
        quals = frozenset(t.text for t in toks[a:b])
        d = Description(head, quals, org, rec.surface(a, b), False, quals | {head})
        pid = _unnamed(rec, d)
        if pid:
            rec.note_alias(pid, a, b)
            units.append(Unit(pid, ActorKind.PERSON, a, b, "description", d.surface, d))
    return (end, units) if units else None


def _described_person(
    rec: Recognizer, i: int, t1: int
) -> tuple[int, Description, tuple[int, str] | None] | None:
    """A role description at i, and its appositive name if any: (end, description, (end, id))."""
    desc = rec.description_at(i) if rec.title_near[i] else None
    if not desc or desc[0] > t1:
        return None
    j, d = desc
    app = _appositive(rec, j)
    k = j  # "the head of Kenya's intelligence service, Omar Kibet": past the org's own noun
    while not app and k < min(j + 3, t1) and rec.toks[k].text.isalpha():
        if rec.toks[k].capitalised or rec.toks[k].text in _BOUNDARY:
            break
        k += 1
        if k < t1 and rec.toks[k].text == ",":
            app = _appositive(rec, k)
    if not app or app[0] > t1:
        return j, d, None
    end, pid, org = app
    if org and not d.org:
        d = Description(d.head, d.qualifiers, org, d.surface, d.former, d.words)
    return j, d, (end, pid)


def _description_after(rec: Recognizer, j: int, t1: int) -> tuple[int, Description] | None:
    """A person's name ending at j, then `, [the] DESCRIPTION` closed by a comma or the
    sentence's end ("Prince Khalid bin Salman, the Deputy Minister of Defense of Saudi Arabia,"):
    the description is the named person's role, not a second person."""
    toks = rec.toks
    if j + 1 >= t1 or toks[j].text != "," or toks[j - 1].possessive:
        return None
    found = _described_person(rec, j + 1, t1)
    if found is None or found[2] is not None:  # a name of its own: "A, the minister B"
        return None
    end, desc = found[0], found[1]
    if end < t1 and toks[end].text not in {",", ".", ")", ";"}:
        return None
    return end, desc


def learn_appositives(rec: Recognizer, t0: int, t1: int) -> None:
    """Pass 1: remember `description, NAME` pairs so bare descriptions resolve anywhere."""
    i = t0
    while i < t1:
        found = _described_person(rec, i, t1)
        if found is None:
            i += 1
            continue
        j, d, named = found
        if named:
            _learn_role(rec, d, named[1], i)
            j = named[0]
        i = j
    for at, end, pid in _person_names(rec, t0, t1):
        back = _description_after(rec, end, t1)
        if back:
            _learn_role(rec, back[1], pid, at)


def _learn_role(rec: Recognizer, desc: Description, pid: str, at: int) -> None:
    """Remember that `pid` holds the role `desc` (named at token `at`); a former role
    resolves only "the former ..." descriptions (resolve_description)."""
    rec.known_roles.append((desc, pid))
    rec.known_at.append(at)
    rec.set_country(pid, desc.org)


def _person_names(rec: Recognizer, t0: int, t1: int) -> list[tuple[int, int, str]]:
    """(start, end, id) of the gazetteer persons named in t0..t1."""
    out = []
    for i in range(t0, t1):
        span = rec.spans.get(i)
        if span and span[0] <= t1 and (a := rec.actor(span[1])) and a.kind == ActorKind.PERSON:
            out.append((i, span[0], span[1]))
    return out


def units_in(rec: Recognizer, t0: int, t1: int) -> list[Unit]:
    """Units of the tokens t0..t1 (one sentence)."""
    toks = rec.toks
    out: list[Unit] = []
    i = t0
    if t0 < t1:  # "WASHINGTON, D.C. — ...": the dateline's place is where the text was filed
        start = toks[t0].start
        skip = start + dateline_end(
            rec.text[start : start + 120], rec.text[max(0, start - 4) : start]
        )
        while i < t1 and toks[i].start < skip:
            i += 1
    while i < t1:
        listed = _role_list(rec, i, t1)
        if listed:
            i, found = listed
            out.extend(found)
            continue
        described = _described_person(rec, i, t1)
        if described:
            j, d, named = described
            if named:
                end, pid = named
                holder = _living_holder(rec, pid, d)
                if holder:  # the named person was dead: credit the role-holder (flagged later)
                    pid, via = holder, "conflict"
                else:
                    rec.note_alias(pid, _name_start(rec, j), end)
                    via = "description"
                out.append(Unit(pid, ActorKind.PERSON, i, end, via, rec.surface(i, end), d))
                i = end
                continue
            same = _same_holder_after(rec, j, t1)
            if same:  # "the former Prime Minister, and the Chairman of X, NAME": one person
                end, pid = same
                _learn_role(rec, d, pid, i)
                out.append(
                    Unit(pid, ActorKind.PERSON, i, end, "description", rec.surface(i, end), d)
                )
                i = end
                continue
            if toks[i].text in _INDEFINITE:  # "a commander of Harakat al-Nujaba": one of many,
                i += 1  # not the office's holder; the organisation is read on its own
                continue
            if _unknown_name_after(rec, j, t1):  # "National Security Advisor Hulata": the
                i = j  # title of someone this text cannot name, not its known holder
                continue
            pid = resolve_description(rec, d, i)
            if pid is None and (pid := _unnamed(rec, d)):
                rec.note_alias(pid, i, j)  # "the Iranian minister of defense" names the holder
            if pid:
                out.append(Unit(pid, ActorKind.PERSON, i, j, "description", d.surface, d))
                i = j
                continue
        grp = rec.group_at(i)
        if grp and grp[0] <= t1:
            j, gid = grp
            rec.note_alias(gid, i, j)
            out.append(Unit(gid, ActorKind.ORGANIZATION, i, j, "group", rec.surface(i, j)))
            i = j
            continue
        span = rec.spans.get(i)
        if span and span[0] <= t1:
            j, aid = span
            actor = rec.actor(aid)
            kind = actor.kind if actor else ActorKind.ORGANIZATION
            rec.note_alias(aid, i, j)
            if kind == ActorKind.PERSON and j - i >= 2:  # "Ahmed Masoud ... Masoud held"
                rec.surnames.setdefault(toks[j - 1].text, aid)
            out.append(
                Unit(aid, kind, i, j, "name", rec.surface(i, j), possessive=toks[j - 1].possessive)
            )
            i = _past_own_description(rec, out[-1], t1)
            continue
        found = rec.name_at(i) if toks[i].capitalised else None
        if (
            found
            and found[0] <= t1
            and (found[2] == ActorKind.ORGANIZATION or i > t0 or _strong(found[1]))
        ):
            j, name, kind = found
            aid = rec.discovered(name, kind, i, j)
            rec.note_alias(aid, i, j)
            out.append(Unit(aid, kind, i, j, "discovered", name))
            i = _past_own_description(rec, out[-1], t1)
            continue
        article = i > 0 and toks[i - 1].text == "the"  # "the Gulf" is no one's surname
        if toks[i].capitalised and toks[i].text in rec.surnames and i + 1 <= t1 and not article:
            aid = rec.surnames[toks[i].text]
            out.append(Unit(aid, ActorKind.PERSON, i, i + 1, "surname", toks[i].raw))
        i += 1
    for u in out:  # "His Highness the Crown Prince X": the style belongs to the person's phrase
        if u.kind == ActorKind.PERSON:
            u.t0 = next(
                (s for s in range(max(t0, u.t0 - 4), u.t0) if skip_style(toks, s) == u.t0), u.t0
            )
    _attach_members(rec, out)
    return out


def _same_holder_after(rec: Recognizer, j: int, t1: int) -> tuple[int, str] | None:
    """After a bare description ending at j, `, and DESCRIPTION, NAME`: the titles of one
    person, named after the second (the comma before "and" joins titles, not people)."""
    toks = rec.toks
    if j + 2 >= t1 or toks[j].text != "," or toks[j + 1].text != "and":
        return None
    found = _described_person(rec, j + 2, t1)
    if found is None or found[2] is None:
        return None
    return found[2]


def _past_own_description(rec: Recognizer, unit: Unit, t1: int) -> int:
    """Where to read on after a person's unit: past `, the DESCRIPTION` that is their role."""
    if unit.kind != ActorKind.PERSON:
        return unit.t1
    back = _description_after(rec, unit.t1, t1)
    if back is None:
        return unit.t1
    _learn_role(rec, back[1], unit.actor_id, unit.t0)
    return back[0]


def _unknown_name_after(rec: Recognizer, j: int, t1: int) -> bool:
    """A capitalised word right after a title, neither known nor a name we can read."""
    if j >= t1 or j in rec.spans:
        return False
    t = rec.toks[j]
    return t.capitalised and t.text.isalpha() and t.text not in FUNCTION_WORDS


def _name_start(rec: Recognizer, j: int) -> int:
    toks = rec.toks
    while j < len(toks) and toks[j].text == ",":
        j += 1
    return j


def _strong(name: str) -> bool:
    return len(name.split()) >= 2


def _attach_members(rec: Recognizer, units: list[Unit]) -> None:
    """`GROUP, including A, B and C` -> the group's members are A, B, C."""
    toks = rec.toks
    for idx, u in enumerate(units):
        if u.via != "group":
            continue
        k = u.t1
        while k < len(toks) and toks[k].text in {","}:
            k += 1
        while k < len(toks) and toks[k].text in {"chief", "first", "most", "notably", "especially"}:
            k += 1
        if k < len(toks) and toks[k].text in {"including", "among", "such", "namely"}:
            u.members = [m for m in units[idx + 1 :] if m.t0 > k]
