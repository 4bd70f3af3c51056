"""open_flags: settled flags disappear, open ones carry the judge commands."""

from __future__ import annotations

import dataclasses

from actornet.analysis.flags import flags
from actornet.judgements import Verdict, apply_judgements, new_judgement
from actornet.model import ClaimStatus
from actornet.review import open_flags
from factories import KADHIMI, QAANI, meeting, person

CLAIMED = meeting("a.txt", QAANI.id, KADHIMI.id, "2021-11-07", "Qaani met Kadhimi.")
DENIED = meeting(
    "b.txt", QAANI.id, KADHIMI.id, "2021-11-07", "Qaani denied it.", status=ClaimStatus.DENIED
)
LOOKALIKE = person("kadhimi-2", "Mustafa al-Kadhimi", origin="discovered")
ACTORS = [QAANI, KADHIMI, LOOKALIKE]


def review(*judgements: object) -> list:
    net = apply_judgements(ACTORS, [CLAIMED, DENIED], [], judgements)  # type: ignore[arg-type]
    found = flags(net.actors, net.interactions)
    return open_flags(found, net.interactions, net)


def kinds(found: list) -> list[str]:
    return sorted(f.kind for f in found)


def test_open_flags_carry_their_commands() -> None:
    found = review()
    (contra,) = [f for f in found if f.kind == "contradiction"]
    assert set(contra.interactions) == {CLAIMED.id, DENIED.id}
    assert f"actornet judge reject {DENIED.id}" in contra.settle
    assert f"actornet judge confirm {CLAIMED.id}" in contra.settle
    (alias,) = [f for f in found if f.kind == "alias_review"]
    assert alias.settle == (
        f"actornet judge same {KADHIMI.id} {LOOKALIKE.id}",
        f"actornet judge different {LOOKALIKE.id} {KADHIMI.id}",
    )
    assert [f.settle for f in found if f.kind == "denied"] == [()]


def test_confirming_one_side_settles_a_claim_against_its_denial() -> None:
    found = review(new_judgement(Verdict.CONFIRM, CLAIMED.id, by="a"))
    assert "contradiction" not in kinds(found)


def test_rejecting_the_denial_settles_it() -> None:
    found = review(new_judgement(Verdict.REJECT, DENIED.id, by="a"))
    assert "contradiction" not in kinds(found) and "denied" not in kinds(found)


def test_alias_flag_settled_by_same_or_different() -> None:
    assert "alias_review" in kinds(review())
    same = new_judgement(Verdict.SAME, KADHIMI.id, other=LOOKALIKE.id, by="a")
    assert "alias_review" not in kinds(review(same))
    different = new_judgement(Verdict.DIFFERENT, LOOKALIKE.id, other=KADHIMI.id, by="a")
    assert "alias_review" not in kinds(review(different))


def test_without_judgements_nothing_is_settled() -> None:
    found = flags(ACTORS, [CLAIMED, DENIED])
    assert [
        dataclasses.replace(f, settle=()) for f in open_flags(found, [CLAIMED, DENIED])
    ] == found
