"""The pure nomination rules: rank order, quotas, minimum points, tie priorities, ties at the quota."""

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

from awards.eligibility import Reason
from awards.nominations import quota as nomination_rules
from awards.nominations.quota import (
    BELOW_MINIMUM_POINTS,
    NOT_ELIGIBLE,
    OVER_QUOTA,
    TIE_AT_QUOTA,
    TIE_PRIORITY,
    WITHIN_QUOTA,
    Quota,
    RankedCandidate,
    Selection,
    select_nominations,
)


def c(key, rank, total, *, eligible=True, female=None, share=None, tier=None):
    return RankedCandidate(
        key=key,
        rank=rank,
        total=D(total),
        tier=tier,
        eligible=eligible,
        is_female=female,
        women_share=None if share is None else D(share),
    )


def note_codes(selection, key):
    return [reason.code for reason in selection.notes[key]]


def test_module_imports_no_django():
    tree = ast.parse(Path(nomination_rules.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)


# --- Quota and rank order -----------------------------------------------------------------------


def test_quota_takes_the_best_ranked_in_order():
    ranking = [c("C", 3, "80"), c("A", 1, "95"), c("D", 4, "70"), c("B", 2, "90")]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A", "B")
    assert selection.waiting == ("C", "D")
    assert selection.tied == ()
    assert selection.open_places == 0
    assert selection.notes["A"] == (Reason(WITHIN_QUOTA, {"limit": 2}, passed=True),)
    assert selection.notes["C"] == (Reason(OVER_QUOTA, {"limit": 2}),)


def test_seed_004_one_collective_giay_khen():
    # Sóc Trăng: Giấy khen for 1 collective, the best-ranked ward.
    ranking = [c(f"ward-{i}", i, str(100 - i)) for i in range(1, 11)]

    selection = select_nominations(ranking, Quota(1))

    assert selection.selected == ("ward-1",)
    assert len(selection.waiting) == 9


def test_no_limit_selects_everyone_eligible_at_or_above_the_minimum():
    # Seed 004: every unit with at least 90 points is commended.
    ranking = [
        c("A", 1, "97"),
        c("B", 2, "90.00"),
        c("C", 3, "89.99"),
        c("D", 4, "60"),
        c("E", 1, "97", eligible=False),
    ]

    selection = select_nominations(ranking, Quota(None), minimum_points=D("90"))

    assert selection.selected == ("A", "B")
    assert selection.waiting == ()
    assert selection.notes["A"] == (Reason(WITHIN_QUOTA, {"limit": None}, passed=True),)
    assert selection.notes["C"] == (Reason(BELOW_MINIMUM_POINTS, {"total": D("89.99"), "minimum": D("90")}),)
    assert selection.notes["E"] == (Reason(NOT_ELIGIBLE, {}),)


def test_quota_larger_than_the_pool_selects_everyone():
    selection = select_nominations([c("A", 1, "90"), c("B", 2, "80")], Quota(35))

    assert selection.selected == ("A", "B")
    assert selection.waiting == ()


def test_zero_quota_selects_nobody():
    selection = select_nominations([c("A", 1, "90"), c("B", 2, "80")], Quota(0))

    assert selection.selected == ()
    assert selection.waiting == ("A", "B")
    assert selection.tied == ()
    assert note_codes(selection, "A") == [OVER_QUOTA]


def test_empty_ranking():
    assert select_nominations([], Quota(3)) == Selection(selected=(), waiting=(), notes={})


def test_ineligible_candidates_are_never_selected_and_do_not_use_a_place():
    ranking = [c("A", 1, "99", eligible=False), c("B", 2, "95"), c("C", 3, "90"), c("D", 4, "85")]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("B", "C")
    assert selection.waiting == ("D",)
    assert "A" not in selection.waiting
    assert note_codes(selection, "A") == [NOT_ELIGIBLE]


def test_ineligible_and_below_minimum_get_both_notes():
    selection = select_nominations([c("A", 1, "50", eligible=False)], Quota(None), minimum_points=D("90"))

    assert note_codes(selection, "A") == [NOT_ELIGIBLE, BELOW_MINIMUM_POINTS]
    assert selection.selected == selection.waiting == ()


def test_every_candidate_has_notes():
    ranking = [c("A", 1, "99"), c("B", 2, "95", eligible=False), c("C", 3, "90"), c("D", 4, "20")]

    selection = select_nominations(ranking, Quota(1), minimum_points=D("50"))

    assert set(selection.notes) == {"A", "B", "C", "D"}
    assert all(selection.notes[key] for key in selection.notes)


# --- Tie priorities: women, and collectives with ≥ 70% women ----------------------------------


def test_woman_goes_first_within_a_tie():
    ranking = [c("A", 1, "95", female=False), c("man", 2, "90", female=False), c("woman", 2, "90", female=True)]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A", "woman")
    assert selection.waiting == ("man",)
    assert selection.notes["woman"] == (
        Reason(TIE_PRIORITY, {"basis": "woman", "women_share": None, "minimum_share": None}, passed=True),
        Reason(WITHIN_QUOTA, {"limit": 2}, passed=True),
    )
    assert note_codes(selection, "man") == [OVER_QUOTA]


def test_priority_does_not_override_rank():
    ranking = [c("man", 1, "95", female=False), c("woman", 2, "90", female=True)]

    selection = select_nominations(ranking, Quota(1))

    assert selection.selected == ("man",)
    assert note_codes(selection, "woman") == [OVER_QUOTA]


@pytest.mark.parametrize(
    ("share", "has_priority"),
    [("0.70", True), ("0.7", True), ("0.75", True), ("1", True), ("0.6999", False), ("0.5", False), ("0", False)],
)
def test_collective_priority_from_seventy_percent_women(share, has_priority):
    ranking = [c("other", 1, "90", share="0.10"), c("unit", 1, "90", share=share)]

    selection = select_nominations(ranking, Quota(1))

    if has_priority:
        assert selection.selected == ("unit",)
        assert selection.notes["unit"][0] == Reason(
            TIE_PRIORITY, {"basis": "women_share", "women_share": D(share), "minimum_share": D("0.70")}, passed=True
        )
    else:
        assert selection.selected == ()
        assert selection.tied == ("other", "unit")


def test_priority_note_only_when_it_decides_something():
    ranking = [c("w1", 1, "90", female=True), c("w2", 1, "90", female=True), c("solo", 3, "80", female=True)]

    selection = select_nominations(ranking, Quota(None))

    assert all(TIE_PRIORITY not in note_codes(selection, key) for key in ("w1", "w2", "solo"))


def test_unknown_gender_has_no_priority():
    ranking = [c("unknown", 1, "90"), c("woman", 1, "90", female=True)]

    selection = select_nominations(ranking, Quota(1))

    assert selection.selected == ("woman",)


def test_individuals_and_collectives_mixed_in_one_tie():
    ranking = [c("man", 1, "90", female=False), c("unit", 1, "90", share="0.80"), c("woman", 1, "90", female=True)]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("unit", "woman")
    assert selection.waiting == ("man",)


# --- A tie straddling the quota: the council decides ----------------------------------------------


def test_tie_straddling_the_quota_is_not_split():
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90"), c("D", 4, "85")]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A",)
    assert selection.tied == ("B", "C")
    assert selection.open_places == 1
    assert selection.waiting == ("B", "C", "D")
    tie_note = Reason(TIE_AT_QUOTA, {"limit": 2, "open_places": 1, "tied_count": 2, "rank": 2, "total": D("90")})
    assert selection.notes["B"] == selection.notes["C"] == (tie_note,)
    assert note_codes(selection, "D") == [OVER_QUOTA]


def test_later_candidates_never_jump_over_a_tie_at_the_quota():
    # D alone would fit in the open place, but it ranks below the tied pair.
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90"), c("D", 4, "85"), c("E", 5, "80")]

    selection = select_nominations(ranking, Quota(2))

    assert "D" not in selection.selected
    assert note_codes(selection, "D") == note_codes(selection, "E") == [OVER_QUOTA]


def test_tie_ending_exactly_at_the_quota_is_selected():
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90"), c("D", 4, "85")]

    selection = select_nominations(ranking, Quota(3))

    assert selection.selected == ("A", "B", "C")
    assert selection.tied == ()
    assert selection.waiting == ("D",)


def test_tie_starting_just_after_the_quota_is_over_quota():
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90")]

    selection = select_nominations(ranking, Quota(1))

    assert selection.selected == ("A",)
    assert selection.tied == ()
    assert note_codes(selection, "B") == note_codes(selection, "C") == [OVER_QUOTA]


def test_priority_resolves_a_tie_at_the_quota():
    ranking = [c("A", 1, "95"), c("man", 2, "90", female=False), c("woman", 2, "90", female=True)]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A", "woman")
    assert selection.tied == ()


def test_tie_remaining_after_priority_goes_to_the_council():
    # After A, one place is left for two women and a man: priority puts the women first, still tied.
    ranking = [
        c("A", 1, "95"),
        c("man", 2, "90", female=False),
        c("w1", 2, "90", female=True),
        c("w2", 2, "90", female=True),
    ]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A",)
    assert selection.tied == ("w1", "w2")
    assert selection.open_places == 1
    assert selection.waiting == ("w1", "w2", "man")
    assert note_codes(selection, "w1") == [TIE_PRIORITY, TIE_AT_QUOTA]
    assert note_codes(selection, "man") == [OVER_QUOTA]


def test_priority_group_selected_and_the_rest_of_the_tie_goes_to_the_council():
    ranking = [
        c("woman", 1, "90", female=True),
        c("m1", 1, "90", female=False),
        c("m2", 1, "90", female=False),
        c("m3", 1, "90", female=False),
    ]

    selection = select_nominations(ranking, Quota(3))

    assert selection.selected == ("woman",)
    assert selection.tied == ("m1", "m2", "m3")
    assert selection.open_places == 2


def test_whole_ranking_tied_at_the_quota():
    ranking = [c(key, 1, "100") for key in "ABCD"]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ()
    assert selection.tied == ("A", "B", "C", "D")
    assert selection.open_places == 2


def test_ineligible_tied_candidate_does_not_make_a_tie():
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90", eligible=False), c("D", 4, "85")]

    selection = select_nominations(ranking, Quota(2))

    assert selection.selected == ("A", "B")
    assert selection.tied == ()


def test_tied_block_keeps_input_order():
    ranking = [c("Z", 1, "90"), c("A", 1, "90"), c("M", 1, "90")]

    selection = select_nominations(ranking, Quota(1))

    assert selection.tied == ("Z", "A", "M")


@pytest.mark.parametrize(
    ("limit", "selected", "tied", "open_places"),
    [
        (0, (), (), 0),
        (1, ("A",), (), 0),
        (2, ("A",), ("B", "C"), 1),
        (3, ("A", "B", "C"), (), 0),
        (4, ("A", "B", "C", "D"), (), 0),
        (5, ("A", "B", "C", "D"), (), 0),
    ],
)
def test_quota_sweep_across_a_tie(limit, selected, tied, open_places):
    ranking = [c("A", 1, "95"), c("B", 2, "90"), c("C", 2, "90"), c("D", 4, "85")]

    selection = select_nominations(ranking, Quota(limit))

    assert selection.selected == selected
    assert selection.tied == tied
    assert selection.open_places == open_places
    assert set(selection.selected) | set(selection.waiting) == {"A", "B", "C", "D"}
    assert not set(selection.selected) & set(selection.waiting)


# --- Validation -----------------------------------------------------------------------------------


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match="once"):
        select_nominations([c("A", 1, "90"), c("A", 2, "80")], Quota(1))


@pytest.mark.parametrize(
    "ranking",
    [
        [c("A", 1, "80"), c("B", 2, "90")],  # better rank, lower total
        [c("A", 1, "90"), c("B", 1, "89")],  # shared rank, different totals
    ],
)
def test_ranks_must_agree_with_totals(ranking):
    with pytest.raises(ValueError, match="disagree"):
        select_nominations(ranking, Quota(1))


def test_equal_totals_with_different_ranks_are_accepted():
    # The ranking's own tie-break chain separated them: no regulation priority applies.
    ranking = [c("man", 1, "90", female=False), c("woman", 2, "90", female=True)]

    selection = select_nominations(ranking, Quota(1))

    assert selection.selected == ("man",)


@pytest.mark.parametrize("limit", [-1, True, 1.5, "2"])
def test_quota_limit_must_be_none_or_a_whole_number(limit):
    with pytest.raises(ValueError, match="quota limit"):
        Quota(limit)


@pytest.mark.parametrize("rank", [0, -1, True])
def test_rank_must_be_positive(rank):
    with pytest.raises(ValueError, match="rank"):
        c("A", rank, "90")


@pytest.mark.parametrize("total", [90.0, "90", None])
def test_total_must_be_decimal(total):
    with pytest.raises(TypeError, match="total"):
        RankedCandidate(key="A", rank=1, total=total)


@pytest.mark.parametrize("share", [D("-0.1"), D("1.01"), D("NaN"), 0.8])
def test_women_share_between_0_and_1(share):
    with pytest.raises(ValueError, match="women_share"):
        RankedCandidate(key="A", rank=1, total=D("90"), women_share=share)


def test_minimum_points_must_be_decimal():
    with pytest.raises(TypeError, match="minimum_points"):
        select_nominations([c("A", 1, "90")], Quota(1), minimum_points=90.0)
