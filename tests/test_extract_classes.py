"""Classes of failure found on genres the rules were not written for (White House letters, State
Department items, CRS analyses), each checked on invented sentences.

The proposers' readings are checked on the candidates, before the learned decision, because
the class is about what the syntax says; the dating and merging checks are end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.extract.actors.gazetteer import cached_gazetteer
from actornet.extract.extractor import extract, extract_candidates
from actornet.ingest import read_document
from actornet.model import DocumentExtraction

Triple = tuple[str, str, str]


RULED = ("via=token", "via=parse", "via=parse_beside_token")


def _proposed(
    tmp_path: Path, text: str
) -> tuple[DocumentExtraction, list[dict[str, float]], dict[str, str]]:
    """Every candidate of a statement dated March 3, 2024, its features, and actor names."""
    path = tmp_path / "statement.txt"
    path.write_text(f"A test statement\nTest Agency, March 3, 2024\n\n{text}\n", encoding="utf-8")
    result, features = extract_candidates(read_document(path), cached_gazetteer())
    return result, features, {a.id: a.name.lower() for a in result.actors}


def _candidates(tmp_path: Path, text: str) -> set[Triple]:
    """What the token rules and the parse frames propose (the loose proposer, which pairs any
    actors around a trigger word for the model to judge, left out)."""
    result, features, names = _proposed(tmp_path, text)
    return {
        (i.type.value, names.get(i.source or "", "?"), names.get(i.target, i.target))
        for i, f in zip(result.interactions, features, strict=True)
        if any(v in f for v in RULED)
    }


def _has(found: set[Triple], type_: str, source: str, target: str) -> bool:
    return any(t == type_ and source in s and target in o for t, s, o in found)


def _pairs(result: DocumentExtraction, names: dict[str, str], type_: str) -> set[tuple[str, str]]:
    """(source name, target name) of every record of `type_` ("?": an unknown source)."""
    return {
        (names.get(i.source or "", "?"), names.get(i.target, i.target))
        for i in result.interactions
        if i.type.value == type_
    }


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # an installation named by its user stands for the user, not for its place
            "On March 2, Kenyan forces conducted strikes against facilities in Lebanon used by "
            "Hezbollah.",
            [("ATTACKED", "kenya", "hezbollah")],
            [],
        ),
        (
            "The president directed strikes against three locations utilized by Hezbollah.",
            [("ATTACKED", "?", "hezbollah")],
            [],
        ),
        (
            "Israeli jets struck sites associated with the IRGC near Damascus.",
            [("ATTACKED", "israel", "islamic revolutionary guard corps")],
            [],
        ),
        (  # partners named "together with" the attacker struck too; supporters did not
            "Kenyan forces, together with Uganda and with support from Canada, conducted strikes "
            "against targets in Somalia.",
            [("ATTACKED", "kenya", "somalia"), ("ATTACKED", "uganda", "somalia")],
            [("ATTACKED", "canada", "somalia")],
        ),
        (  # "a number of targets in X": the place was hit
            "Kenyan forces conducted strikes against a number of targets in Somalia.",
            [("ATTACKED", "kenya", "somalia")],
            [],
        ),
        (  # attacks exchanged between two parties go both ways
            "Israel and Iran again exchanged attacks on June 7.",
            [("ATTACKED", "israel", "iran"), ("ATTACKED", "iran", "israel")],
            [],
        ),
        (  # the towns named after the party hit are where it was hit, not targets
            "Several fighters were killed in the American strikes against targets of Kataib "
            "Hezbollah in the Wadi Zarqa Province, Baghdad and Basra.",
            [("ATTACKED", "united states", "kata")],
            [("ATTACKED", "united states", "baghdad"), ("ATTACKED", "united states", "basra")],
        ),
        (  # the envoy of a president is the envoy, not the president
            "In mid-November 2021, the special envoy of the Iranian president arrived for a visit "
            "in Kabul and met with senior Taliban officials.",
            [("VISITED", "envoy", "kabul")],
            [("VISITED", "raisi", "kabul"), ("MET_WITH", "raisi", "taliban")],
        ),
        (  # ministers "in the interim Afghan government" hold their posts in Afghanistan
            "The Iranian ambassador to Kabul also met with the ministers of intelligence and "
            "culture in the interim Afghan government.",
            [("MET_WITH", "ambassador", "of afghanistan")],
            [("MET_WITH", "ambassador", "culture of iran")],
        ),
        (  # an attack answered by another act happened; it is no purpose
            "Oman closed the port in response to Israeli attacks in Lebanon.",
            [("ATTACKED", "israel", "lebanon")],
            [],
        ),
        (  # the target of launched weapons, parsed on the weapons
            "Iran launched missiles against Israel in retaliation for the strike.",
            [("ATTACKED", "iran", "israel")],
            [],
        ),
        (  # a style of address is no part of the name, and coordinated titles are one person's
            "Secretary Rubio met today with the Crown Prince and Prime Minister of Bahrain, "
            "His Royal Highness Faisal bin Rashid Al Thawadi, in Washington.",
            [("MET_WITH", "rubio", "faisal bin rashid al thawadi")],
            [("MET_WITH", "rubio", "royal highness")],
        ),
        (  # an attack told in the passive with no agent: an unknown attacker (proposed; the
            # model of December 8 gives it 0.39, under its threshold of 0.40: kept, reviewable)
            "Rockets were fired at the U.S. embassy in Baghdad on Sunday night.",
            [("ATTACKED", "?", "u.s. embassy in baghdad")],
            [],
        ),
        (  # a with-object of a second verb is not the first verb's partner
            "Omar Haddad traveled to Moscow to meet with Russian officials and has coordinated "
            "with Iraqi officials.",
            [("MET_WITH", "omar haddad", "russia")],
            [("MET_WITH", "omar haddad", "iraq")],
        ),
        (  # a list closed by a verb after a visit's place is the next clause's subject, and
            # the head of an organisation "to" a place is travelling, not posted there
            "After a visit of the head of the Iraqi Chamber of Commerce to Tehran, Iran and Iraq "
            "agreed to expand trade.",
            [("VISITED", "", "tehran")],
            [("VISITED", "", "iran"), ("VISITED", "", "iraq")],
        ),
        (  # "his" is a person's: not the group named between
            "The meeting between Omar Haddad and the Hezbollah fighters took place during his "
            "visit to Syria.",
            [("VISITED", "omar haddad", "syria")],
            [("VISITED", "hezbollah", "syria")],
        ),
        (  # members of one list the trigger opens are never paired with each other
            "During the visit, Omar Haddad met with senior Iraqi officials, including the "
            "President, Barham Salih; the acting Prime Minister, Adel Abdul Mahdi; and the "
            "Speaker of Parliament, Mohammed al-Halbousi.",
            [("MET_WITH", "omar haddad", "barham salih")],
            [
                ("MET_WITH", "adel abdul mahdi", ""),
                ("MET_WITH", "barham salih", ""),
                ("MET_WITH", "al-halbousi", ""),
            ],
        ),
        (  # capitalised words closed by a title are a role, not an organisation's name
            "On March 2, Ali Larijani met with the National Security Council Adviser of the Iraqi "
            "Prime Minister, Ali Rahimi, in Baghdad.",
            [("MET_WITH", "ali larijani", "ali rahimi")],
            [("MET_WITH", "ali larijani", "adviser")],
        ),
        (  # "ORGANISATION, PERSON," speaks: the person is the one who acts
            "On March 2, the Iranian Ministry of Foreign Affairs, Ali Larijani, spoke on the "
            "phone with the Iraqi Minister of Foreign Affairs, Fuad Hussein.",
            [("MET_WITH", "larijani", "fuad hussein")],
            [("MET_WITH", "ministry", "fuad hussein"), ("MET_WITH", "fuad hussein", "ministry")],
        ),
        (  # a former role named once with its holder is that holder later in the text
            "On March 2, the Iranian Ambassador to Baghdad, Iraj Masjedi, met with the former "
            "Iraqi Prime Minister, and the Chairman of the National Coalition, Ali Rahimi.\n\n"
            "The meeting between the former Iraqi prime minister and the Iranian ambassador to "
            "Baghdad.",
            [("MET_WITH", "iraj masjedi", "ali rahimi")],
            [("MET_WITH", "former", ""), ("MET_WITH", "", "former")],
        ),
        (  # "by Iran-affiliated X": the patron is a modifier; X attacked
            "These attacks included the recent attack on the Baghdad airport by Iran-affiliated "
            "Kataib Hezbollah.",
            [("ATTACKED", "kata", "baghdad")],
            [("ATTACKED", "iran", "")],
        ),
        (  # the first deputy to a president is a deputy, not the president
            "On March 2, Prime Minister Omar Haddad met the first deputy to the president of Iran.",
            [("MET_WITH", "omar haddad", "deputy")],
            [("MET_WITH", "omar haddad", "raisi")],
        ),
        (  # "NAME, the DESCRIPTION,": the description is the named person's role
            "Secretary Rubio met today with Prince Faisal bin Rashid, the Deputy Minister of "
            "Interior of the Kingdom of Bahrain, in Washington.",
            [("MET_WITH", "rubio", "faisal bin rashid")],
            [("MET_WITH", "rubio", "minister")],
        ),
        (  # a title's words are no part of the name after it
            "Acting Counterterrorism Coordinator Mary K. Odhiambo travelled to Baghdad on March 1.",
            [("VISITED", "mary k. odhiambo", "baghdad")],
            [("VISITED", "coordinator", "baghdad")],
        ),
        (  # a possessive is no part of the name
            "Secretary Rubio joined Prime Minister Omar Haddad’s meeting with Uganda.",
            [("MET_WITH", "omar haddad", "uganda")],
            [("MET_WITH", "’s", ""), ("MET_WITH", "", "’s")],
        ),
        (  # who condemns an attack did not carry it out: an unknown attacker
            "Kenya Condemns Rocket Attack on Erbil Air Base.",
            [("ATTACKED", "?", "")],
            [("ATTACKED", "kenya", "")],
        ),
        (  # "the visit to X by Y": Y travelled, not who welcomes it
            "Kenya welcomes today’s visit to Baghdad by Prime Minister Omar Haddad.",
            [("VISITED", "omar haddad", "baghdad")],
            [("VISITED", "kenya", "baghdad")],
        ),
        (  # the armed forces of coordinated states: each state attacked
            "On March 2, Saudi and Emirati forces began striking targets in Yemen.",
            [("ATTACKED", "saudi arabia", "yemen"), ("ATTACKED", "united arab emirates", "yemen")],
            [("ATTACKED", "saudi and emirati", "yemen")],
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else "",
)
def test_proposed_readings(
    tmp_path: Path, text: str, expected: list[Triple], absent: list[Triple]
) -> None:
    found = _candidates(tmp_path, text)
    for triple in expected:
        assert _has(found, *triple), (triple, found)
    for triple in absent:
        assert not _has(found, *triple), (triple, found)


def test_a_role_learned_earlier_is_not_another_states_holder(tmp_path: Path) -> None:
    """Kuwait's Crown Prince, named earlier, does not stand in for Bahrain's, named by his own
    apposition after coordinated titles."""
    result, _, names = _proposed(
        tmp_path,
        "Secretary Rubio met today in Kuwait City with His Highness the Amir of Kuwait Sheikh "
        "Nawaf Al-Jaber, His Highness the Crown Prince Sheikh Mishal Al-Ahmed, and Prime "
        "Minister Sheikh Sabah Al-Khaled.\n\n"
        "Secretary Rubio met yesterday with the Crown Prince and Prime Minister of Bahrain, "
        "His Royal Highness Faisal bin Rashid Al Thawadi.",
    )
    yesterday = {names.get(i.target, "") for i in result.interactions if i.date == "2024-03-02"}
    assert any("faisal bin rashid" in n for n in yesterday), yesterday
    assert not any("mishal" in n for n in yesterday), yesterday


JOINED = """State Department statements, 2023
Office of the Spokesperson, 2023

Secretary Rubio's Call with Foreign Minister Okonkwo

March 4, 2023

Secretary of State Marco Rubio spoke today with Nigerian Foreign Minister Ade Okonkwo about trade.

Secretary Rubio's Call with Foreign Minister Okonkwo

June 9, 2023

Secretary of State Marco Rubio spoke today with Nigerian Foreign Minister Ade Okonkwo on aid.
"""


def test_calls_in_two_dated_items_are_two_events(tmp_path: Path) -> None:
    """Each item's title line belongs to the item under it, and an item's undated month does
    not merge its call with the same minister's call in another item."""
    path = tmp_path / "joined.txt"
    path.write_text(JOINED, encoding="utf-8")
    result = extract(read_document(path), cached_gazetteer())
    calls = sorted(
        i.date or ""
        for i in result.interactions
        if i.type.value == "MET_WITH" and "okonkwo" in i.target
    )
    assert calls == ["2023-03-04", "2023-06-09"], calls


def test_a_former_holder_is_not_the_one_named_in_office(tmp_path: Path) -> None:
    """ "The former Iraqi Prime Minister" does not resolve to the Prime Minister the text
    named before; an unnamed former holder is labelled as such."""
    result, _, names = _proposed(
        tmp_path,
        "Officials condemned the attempted assassination of the Iraqi Prime Minister, Omar "
        "Haddad, on March 1.\n\n"
        "On March 2, the Iranian Ambassador to Baghdad, Iraj Masjedi, met with the former "
        "Iraqi Prime Minister.",
    )
    met = {names.get(i.target, "") for i in result.interactions if i.type.value == "MET_WITH"}
    assert not any("haddad" in n for n in met), met
    assert any(n.startswith("former prime minister") for n in met), met


def test_his_visit_before_a_relative_clause_is_the_main_subjects(tmp_path: Path) -> None:
    """ "During his visit to Iran, which lasted ten days, X held meetings": his is X's, not
    the person named in the sentence before."""
    found = _candidates(
        tmp_path,
        "Omar Haddad left Herat last week. During his visit to Iran, which lasted ten days, "
        "Ahmad Masoud held private meetings with senior Iranian officials.",
    )
    assert _has(found, "VISITED", "ahmad mas", "iran"), found
    assert not _has(found, "VISITED", "haddad", "iran"), found


def test_a_visit_by_someone_is_no_place_visiting(tmp_path: Path) -> None:
    """ "Kenya hosted a visit by X to Nairobi": no proposer, the loose one included, reads the
    place after "by" as visited by the one before (the passive turn is for "killed by X")."""
    result, _, names = _proposed(tmp_path, "Uganda hosted a visit by Omar Haddad to Baghdad.")
    visits = _pairs(result, names, "VISITED")
    assert ("omar haddad", "baghdad") in visits, visits
    assert not any(s == "baghdad" for s, _ in visits), visits


def test_i_in_a_statement_is_whoever_its_title_names(tmp_path: Path) -> None:
    """ "Statement from President X on ...": X is the "I" of the statement's text, but not
    of a quotation inside it, and a text whose title names no speaker has no "I"."""
    path = tmp_path / "statement.txt"
    body = (
        "I’ve just spoken with Prime Minister Ahmad Masoud to reaffirm our support.\n\n"
        "“I met with King Tamim,” said Governor Ali Rahimi.\n"
    )
    path.write_text(
        "Statement from President Omar Haddad on the Attack\nTest Agency, March 3, 2024\n\n" + body,
        encoding="utf-8",
    )
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    names = {a.id: a.name.lower() for a in result.actors}
    met = _pairs(result, names, "MET_WITH")
    assert any("haddad" in s and "ahmad mas" in t for s, t in met), met
    assert not any("haddad" in s and "tamim" in t for s, t in met), met
    unnamed = tmp_path / "report.txt"
    unnamed.write_text("A test report\nTest Agency, March 3, 2024\n\n" + body, encoding="utf-8")
    result, _ = extract_candidates(read_document(unnamed), cached_gazetteer())
    assert not any(m.via == "speaker" for m in result.mentions), result.mentions


def test_so_called_is_no_call(tmp_path: Path) -> None:
    """ "a so-called major general" proposes no call, by any proposer, also with a zero-width
    joiner after the hyphen (a format character is no token)."""
    for joiner in ("", "\u200d"):
        result, _, _ = _proposed(
            tmp_path,
            f"Omar Haddad, who served as a so-{joiner}called major general in Hezbollah, "
            "facilitated the transfers.",
        )
        assert not [i for i in result.interactions if i.type.value == "MET_WITH"], joiner


def test_a_surname_alone_is_the_person_named_before(tmp_path: Path) -> None:
    """ "Ahmad Massoud ... Masoud held meetings": a gazetteer person's surname alone, later in
    the text, is that person, not whoever was named last."""
    found = _candidates(
        tmp_path,
        "Ahmad Massoud recently conducted a visit to Iran. According to this report, he met "
        "Ismail Khan in Mashhad. During his visit to Iran, which lasted ten days, Massoud held "
        "private meetings with senior Iranian officials.",
    )
    assert not _has(found, "VISITED", "ismail khan", "iran"), found


def test_titles_joined_by_comma_and_are_one_persons(tmp_path: Path) -> None:
    """ "the former Prime Minister of Iraq, and the Chairman of X, NAME": one person, not an
    unnamed former Prime Minister beside NAME."""
    result, _, names = _proposed(
        tmp_path,
        "On March 2, Prime Minister Omar Haddad met with the former Prime Minister of Iraq, and "
        "the Chairman of the National Coalition, Ali Rahimi, and discussed the elections.",
    )
    met = {names.get(i.target, "") for i in result.interactions if i.type.value == "MET_WITH"}
    assert "ali rahimi" in met, met
    assert not any(n.startswith("former prime minister") for n in met), met


def test_who_condemns_an_attack_was_not_its_target(tmp_path: Path) -> None:
    """ "X condemned the attacks by Y against Z": no proposer, the loose one included, leaves
    X as the one attacked."""
    result, _, names = _proposed(
        tmp_path,
        "The Iranian Ministry of Foreign Affairs condemned the March 2 attacks by the United "
        "States against targets of Kataib Hezbollah in Iraq.",
    )
    attacks = _pairs(result, names, "ATTACKED")
    assert ("united states", "kataib hezbollah") in attacks, attacks
    assert not any("ministry" in t for _, t in attacks), attacks


def test_the_delegation_is_its_heads_for_two_paragraphs(tmp_path: Path) -> None:
    """ "A delegation of X arrived ... The delegation was headed by Y." then "the members of
    the delegation met with Z": Y met Z; four paragraphs on, "the delegation" is no longer
    Y's. Partners listed after semicolons ("met with A; with B; and with C") are all met."""
    result, _, names = _proposed(
        tmp_path,
        "In early March, a delegation of Hamas arrived for a visit in Iran. The delegation was "
        "headed by Omar Haddad.\n\n"
        "On March 3, the members of the delegation met with Ali Larijani; with Ali Shamkhani; "
        "and with Mohsen Rezaei.\n\n"
        "Iran and Iraq signed an agreement on trade.\n\nIraq and Syria signed a deal.\n\n"
        "Iraq and Jordan signed a deal.\n\n"
        "On March 9, the delegation met with Mojtaba Zolnour.",
    )
    met = _pairs(result, names, "MET_WITH")
    for partner in ("ali larijani", "ali shamkhani", "mohsen rezaei"):
        assert ("omar haddad", partner) in met, (partner, met)
    assert not any(s == "omar haddad" and "zolnour" in t for s, t in met), met


def test_a_place_beside_the_party_hit_is_where_not_whom(tmp_path: Path) -> None:
    """ "an airstrike in Homs, targeting Hezbollah": the sentence tells whom Israel hit; Homs
    is where (the party's record carries it as its place), not a second target."""
    result, _, names = _proposed(
        tmp_path,
        "On March 2, an alleged Israeli airstrike in Homs, targeting Hezbollah and its weapons.",
    )
    attacks = {
        (names.get(i.source or "", "?"), names.get(i.target, "")): i
        for i in result.interactions
        if i.type.value == "ATTACKED"
    }
    assert ("israel", "hezbollah") in attacks, attacks
    assert ("israel", "homs") not in attacks, attacks
    assert names.get(attacks[("israel", "hezbollah")].place or "") == "homs"


def test_a_title_before_an_unread_name_is_not_its_known_holder() -> None:
    """ "National Security Advisor Hulata", after "National Security Advisor Jake Sullivan":
    the title names someone this text cannot name, not Sullivan (who would then meet himself,
    or be read as one of the people he met)."""
    from actornet.extract.actors.mentions import Recognizer
    from actornet.extract.actors.units import learn_appositives, units_in
    from actornet.extract.text import tokens

    text = (
        "National Security Advisor Jake Sullivan traveled to Israel. In Jerusalem, he met with "
        "President Herzog and National Security Advisor Hulata."
    )
    toks = tokens(text)
    rec = Recognizer(cached_gazetteer(), toks, text, None)
    rec.find_spans()
    learn_appositives(rec, 0, len(toks))
    met_at = next(i for i, t in enumerate(toks) if t.text == "met")
    after = [u.actor_id for u in units_in(rec, 0, len(toks)) if u.t0 > met_at]
    assert "isaac-herzog" in after, after
    assert "jake-sullivan" not in after, after


def test_a_release_title_word_is_no_actor() -> None:
    """ "Readout of President X's Call with Y": where the NER tags "Readout" as a person (it
    does in a White House page of several items), it names the document's kind, never an
    actor; a person's name tagged the same way is discovered."""
    from spacy.tokens import Span

    from actornet.extract.actors.mentions import Recognizer
    from actornet.extract.proposers.parser import ParseExtractor
    from actornet.extract.text import tokens
    from actornet.model import Sentence

    text = "Readout of Omar Haddad’s Call with King Abdullah II of Jordan"
    parser = ParseExtractor.shared()
    doc = parser.nlp(text)
    toks = tokens(text)
    rec = Recognizer(cached_gazetteer(), toks, text, None)
    rec.find_spans()
    sentence = Sentence("d", 0, 0, len(text), text)
    starts = [t.start for t in toks]
    assert parser._discover(Span(doc, 0, 1, label="PERSON"), sentence, rec, starts) is None
    found = parser._discover(Span(doc, 2, 4, label="PERSON"), sentence, rec, starts)
    assert found is not None and rec.actor(found).name.startswith("Omar Haddad")


def test_its_members_are_the_delegations(tmp_path: Path) -> None:
    """ "During the visit of the Iraqi delegation to Iran, its members met with X": the
    delegation's head met X."""
    found = _candidates(
        tmp_path,
        "On March 2, a delegation headed by Omar Haddad arrived in Tehran.\n\n"
        "During the visit of the Iraqi delegation to Iran, its members met with Ali Larijani.",
    )
    assert _has(found, "MET_WITH", "omar haddad", "ali larijani"), found


def test_an_international_envoy_meeting_somewhere_travelled_there(tmp_path: Path) -> None:
    """A curated person of no country whose roles are all in international organisations
    (a UN envoy) who meets someone in Tehran travelled there; a person the text alone names,
    of no known country, may be at home there and is not given a visit."""
    result, _, names = _proposed(
        tmp_path,
        "On March 2, Foreign Minister Zarif met in Tehran with the UN Special Envoy for Syria, "
        "Geir Pedersen.\n\nOn March 4, Foreign Minister Zarif met in Tehran with Omar Haddad.",
    )
    visits = _pairs(result, names, "VISITED")
    assert ("geir pedersen", "tehran") in visits, visits
    assert not any(s == "omar haddad" for s, _ in visits), visits
