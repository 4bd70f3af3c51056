"""Extraction rules: sentences of the genre and the records they must (and must not) give."""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.extract.actors.gazetteer import load_gazetteer
from actornet.extract.extractor import extract
from actornet.model import Document

GAZ = load_gazetteer(Path(__file__).parent / "data" / "gazetteer_min.yaml", geonames=False)
HEADER = "Spotlight on Iran\n\nMarch 1, 2021 – March 15, 2021 Editor: Test\nOverview\n  • "


def run(body: str):
    text = HEADER + body + "\n"
    doc = Document(
        "t.txt", "t.txt", text, Document.hash_text(text), "T", "2021-03-01", "2021-03-15", True
    )
    ex = extract(doc, GAZ)
    return doc, ex, {(i.type.value, i.source, i.target): i for i in ex.interactions}


# (sentence, expected (type, source, target, status, date)); actors from the test gazetteer
# or discovered ids (slugs of the names as written).
CASES = [
    (
        "On March 3, Mohammad Javad Zarif met with the Syrian President, Bashar al-Assad, "
        "in Damascus.",
        ("MET_WITH", "zarif", "assad", "asserted", "2021-03-03"),
    ),
    (
        "The Iraqi Minister of Oil, Ihsan Abdul Jabbar, arrived for a visit in Tehran on March 7.",
        ("VISITED", "ihsan-abdul-jabbar", "tehran", "asserted", "2021-03-07"),
    ),
    (
        "Iraqi sources reported that Esmail Qa’ani visited Baghdad in early March.",
        ("VISITED", "esmail-qaani", "baghdad", "reported", "2021-03"),
    ),
    (
        "Qasem Soleimani and Abu Mahdi al-Muhandis were assassinated by the United States "
        "in January 2020.",
        ("ATTACKED", "united-states", "qasem-soleimani", "asserted", "2020-01"),
    ),
    (
        "The spokesman of the Ministry denied any Iranian involvement in the rocket attack on "
        "Baghdad on March 4.",
        ("ATTACKED", "iran", "baghdad", "denied", "2021-03-04"),
    ),
    (
        "On March 9, Zarif spoke by phone with the Iraqi Prime Minister, Mustafa al-Kazimi.",
        ("MET_WITH", "zarif", "kazimi", "asserted", "2021-03-09"),
    ),
    (
        "Hossein Salami met with Hassan Nasrallah. During the meeting, the two sides agreed to "
        "establish a joint committee.",
        ("SIGNED_AGREEMENT", "salami", "nasrallah", "asserted", "2021-03"),
    ),
    (
        "Baqeri met with the Iraqi chief of staff, and an agreement on training will be signed "
        "by the two countries next month.",
        ("SIGNED_AGREEMENT", "baqeri", "chief-of-staff-of-iraq", "planned", "2021-03"),
    ),
    (
        "According to unconfirmed reports, Kataib Hezbollah fired rockets at Riyadh on March 2.",
        ("ATTACKED", "kataib-hezbollah", "saudi-arabia-riyadh", "unconfirmed", "2021-03-02"),
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"), CASES, ids=[c[1][0] + ":" + c[1][2] for c in CASES]
)
def test_sentence_gives_record(sentence: str, expected: tuple) -> None:
    type_, source, target, status, date = expected
    doc, _ex, found = run(sentence)
    key = (type_, source, target)
    swapped = (type_, target, source)
    hit = found.get(key) or (
        found.get(swapped) if type_ in {"MET_WITH", "SIGNED_AGREEMENT"} else None
    )
    assert hit is not None, f"missing {key}; got {sorted(found)}"
    assert hit.status.value == status
    assert hit.date == date
    for ev in hit.evidence:
        assert doc.text[ev.start : ev.end] == ev.quote


NEGATIVE = [
    "Zarif sent a message to Bashar al-Assad congratulating him.",  # a message is not a meeting
    "Hossein Salami stated in an interview that Iran will respond.",
    "Qa’ani returned to Tehran after the talks.",  # returning home is not annotated
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_sentence_gives_no_record(sentence: str) -> None:
    _doc, _ex, found = run(sentence)
    assert found == {}


def test_pairwise_records_for_several_parties() -> None:
    _doc, _ex, found = run(
        "Esmail Qa’ani visited Damascus and Beirut and met with President Assad and "
        "Secretary General of Hezbollah, Hassan Nasrallah."
    )
    assert {("VISITED", "esmail-qaani", "damascus"), ("VISITED", "esmail-qaani", "beirut")} <= set(
        found
    )
    assert ("MET_WITH", "esmail-qaani", "assad") in found
    assert ("MET_WITH", "esmail-qaani", "nasrallah") in found


def test_description_resolves_through_dated_role() -> None:
    _doc, _ex, found = run("The Commander of the IRGC met with Hassan Nasrallah in Beirut.")
    assert ("MET_WITH", "salami", "nasrallah") in found


def test_overview_and_body_merge_into_one_interaction() -> None:
    _doc, _ex, found = run(
        "The Iraqi Minister of Oil, Ihsan Abdul Jabbar, visited Tehran.\n  • On March 7, the "
        "Iraqi minister of oil arrived for a visit in Tehran (Tasnim, March 7)."
    )
    visit = found[("VISITED", "ihsan-abdul-jabbar", "tehran")]
    assert len(visit.evidence) == 2
    assert visit.date == "2021-03-07"
    assert visit.evidence[1].cited_source == "Tasnim"


def test_surname_and_discovered_aliases() -> None:
    _doc, ex, found = run(
        "The Iraqi Minister of Oil, Ihsan Abdul Jabbar, visited Tehran.\n  • Jabbar met with Zarif."
    )
    assert ("MET_WITH", "ihsan-abdul-jabbar", "zarif") in found or (
        "MET_WITH",
        "zarif",
        "ihsan-abdul-jabbar",
    ) in found
    actor = next(a for a in ex.actors if a.id == "ihsan-abdul-jabbar")
    assert actor.origin == "discovered" and actor.country == "IRQ"


def test_unknown_attacker_claimed_responsibility() -> None:
    _doc, _ex, found = run(
        "A rocket attack on Baghdad killed two people. Kataib Hezbollah claimed responsibility "
        "for the attack."
    )
    hit = found[("ATTACKED", "kataib-hezbollah", "baghdad")]
    assert hit.status.value == "reported"
