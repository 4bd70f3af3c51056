"""Names discovered in readouts and statements: titles, initials and headline words.

Sentences are our own (invented names), never taken from the development set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.extract.actors.gazetteer import cached_gazetteer
from actornet.extract.extractor import extract_candidates
from actornet.ingest import read_document


def _actor_names(tmp_path: Path, sentence: str) -> set[str]:
    path = tmp_path / "note.txt"
    path.write_text(f"A test note\nTest Agency, March 2021\n\n{sentence}\n", encoding="utf-8")
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    return {a.name for a in result.actors}


@pytest.mark.parametrize(
    ("sentence", "name", "not_name"),
    [
        (  # "of State" belongs to the title, as "of Defense" does
            "Deputy Secretary of State Maria Lind met with Omani Foreign Minister Khalid "
            "Al Harbi in Muscat.",
            "Maria Lind",
            "State Maria Lind",
        ),
        (
            "Iraqi Minister of State for Foreign Affairs Omar Halabi visited Ankara.",
            "Omar Halabi",
            "State Omar Halabi",
        ),
        (  # a middle initial does not end the name
            "Assistant Secretary Jennifer R. Littlejohn met with Saudi Minister of Energy "
            "Faisal Al Nasser.",
            "Jennifer R. Littlejohn",
            "Jennifer R",
        ),
    ],
)
def test_titles_and_initials(tmp_path: Path, sentence: str, name: str, not_name: str) -> None:
    names = _actor_names(tmp_path, sentence)
    assert name in names and not_name not in names, names


def test_headline_words_are_no_one(tmp_path: Path) -> None:
    names = _actor_names(tmp_path, "The United States Condemns Attack in the Dohuk Province")
    assert not any("Attack" in n or "Condemns" in n for n in names), names


def test_coordinated_titles_before_a_name_are_one_holder(tmp_path: Path) -> None:
    names = _actor_names(
        tmp_path,
        "Secretary Lind met with Jordanian Deputy Prime Minister and Foreign Minister Omar Haddad.",
    )
    assert "Omar Haddad" in names
    assert not any("Prime Minister" in n for n in names), names


def test_a_verb_between_a_state_and_a_title_is_no_qualifier(tmp_path: Path) -> None:
    # "Hamas political chief X" is Hamas's chief; "Israel killed Supreme Leader X" is not
    # Israel's supreme leader: Israel is an actor of its own
    names = _actor_names(tmp_path, "Israel killed Supreme Leader Ali Khamenei and his aides.")
    assert "Israel" in names, names
    names = _actor_names(tmp_path, "Hamas political chief Ismail Haniyeh visited Tehran.")
    assert "Ismail Haniyeh" in names, names


def test_a_country_after_an_unknown_town_locates_a_meeting(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "A test note\nTest Agency, March 2021\n\nNational Security Advisor Maria Lind met "
        "with Prime Minister Omar Haddad of Jordan today in Davos, Switzerland.\n",
        encoding="utf-8",
    )
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    met = {(i.source, i.target) for i in result.interactions if i.type.value == "MET_WITH"}
    assert ("maria-lind", "omar-haddad") in met
    assert not any("switzerland" in pair for pair in met), met


@pytest.mark.parametrize(
    ("sentence", "outlet_words"),
    [  # outlets of the gazetteer's list (data), named in prose: media, not actors
        ("Behzad told the Islamic Republic News Agency (IRNA) that Iran met Iraq.", "News Agency"),
        ("In an interview to the newspaper Filasteen Al-Youm, Mousavi met Hamas.", "Youm"),
    ],
)
def test_outlets_named_in_prose_are_no_actors(
    tmp_path: Path, sentence: str, outlet_words: str
) -> None:
    names = _actor_names(tmp_path, sentence)
    assert not any(outlet_words in n for n in names), names


def test_a_name_part_after_a_hyphen_stays_in_the_name(tmp_path: Path) -> None:
    names = _actor_names(tmp_path, "The chamber's head, Yahya Al-e Eshaq, met Iraqi officials.")
    assert "Yahya Al-e Eshaq" in names and "Yahya Al" not in names, names


def test_a_masthead_tells_no_event_and_names_no_actor(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "GULF MONITOR BY KAREN LIND RESEARCH CENTER - Weekly on Iran\n"
        "March 8, 2020 - March 22, 2020 Editor: Dr. Omar Haddad\n\n"
        "Iran and Iraq signed an agreement on electricity.\n",
        encoding="utf-8",
    )
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    names = {a.name for a in result.actors}
    assert not any("LIND" in n or "Haddad" in n for n in names), names
    assert any(i.type.value == "SIGNED_AGREEMENT" for i in result.interactions)


def _attacks(tmp_path: Path, sentence: str) -> set[tuple[str | None, str]]:
    path = tmp_path / "note.txt"
    path.write_text(f"A test note\nTest Agency, March 2021\n\n{sentence}\n", encoding="utf-8")
    result, _ = extract_candidates(read_document(path), cached_gazetteer())
    names = {a.id: a.name for a in result.actors}
    return {
        (names.get(i.source or "", i.source), names.get(i.target, i.target))
        for i in result.interactions
        if i.type.value == "ATTACKED"
    }


def test_a_group_named_by_its_patron_after_it_is_an_actor(tmp_path: Path) -> None:
    # "militia groups affiliated with X" is a collective, as "X-aligned militia groups" is;
    # "perpetrated a series of attacks" is a light verb with its attack noun
    found = _attacks(
        tmp_path,
        "Militia groups affiliated with Syria's Republican Guard have perpetrated a series of "
        "attacks against Turkish forces in Afrin.",
    )
    sources = {s for s, _ in found}
    assert any(s and s.startswith("Militia groups affiliated with") for s in sources), found


def test_engaged_in_attacks_names_the_attacker(tmp_path: Path) -> None:
    found = _attacks(tmp_path, "Hezbollah fighters have engaged in a series of attacks on Metula.")
    assert any(s == "Hezbollah" for s, _ in found), found
