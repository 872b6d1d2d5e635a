"""The pure ballot rules: quorum, thresholds on both bases, needed approvals, input validation."""

import ast
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards.councils import tally as ballot_rules
from awards.councils.tally import (
    APPROVED,
    BELOW_THRESHOLD,
    EMPTY_BASE,
    MORE_THAN_HALF_OF_ALL,
    MORE_THAN_HALF_OF_PRESENT,
    NINETY_PERCENT_OF_ALL,
    TWO_THIRDS,
    BallotResult,
    Base,
    Threshold,
    approve_share,
    base_count,
    needed_approvals,
    quorum_met,
    quorum_required,
    tally_result,
)

NINETY_OF_PRESENT = Threshold(D("90"), Base.PRESENT)


def test_module_imports_no_django():
    tree = ast.parse(Path(ballot_rules.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)


# --- Quorum -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("members", "required"), [(1, 1), (2, 2), (3, 2), (6, 4), (9, 6), (10, 7), (14, 10), (15, 10)])
def test_two_thirds_quorum_required(members, required):
    assert quorum_required(members) == required


@pytest.mark.parametrize(
    ("members", "present", "met"),
    [
        (9, 5, False),
        (9, 6, True),
        (9, 9, True),
        (10, 6, False),
        (10, 7, True),
        (14, 9, False),
        (14, 10, True),
        (3, 1, False),
        (3, 2, True),
        (1, 0, False),
        (1, 1, True),
        (0, 0, False),  # a council without members never has a quorum
    ],
)
def test_quorum_met_two_thirds(members, present, met):
    assert quorum_met(members, present) is met


@pytest.mark.parametrize(
    ("fraction", "members", "present", "met"),
    [
        (Fraction(1, 2), 10, 5, True),
        (Fraction(1, 2), 10, 4, False),
        (Fraction(1, 2), 9, 4, False),
        (Fraction(1, 2), 9, 5, True),
        (Fraction(3, 4), 8, 6, True),
        (Fraction(3, 4), 8, 5, False),
        (1, 7, 7, True),
        (1, 7, 6, False),
        (D("0.5"), 10, 5, True),
    ],
)
def test_quorum_with_other_fractions(fraction, members, present, met):
    assert quorum_met(members, present, fraction) is met


def test_default_quorum_is_two_thirds():
    assert Fraction(2, 3) == TWO_THIRDS


@pytest.mark.parametrize(("members", "present"), [(-1, 0), (10, -1), (10, 11)])
def test_quorum_refuses_impossible_attendance(members, present):
    with pytest.raises(ValueError):
        quorum_met(members, present)


@pytest.mark.parametrize("fraction", [Fraction(0), Fraction(-1, 3), Fraction(4, 3), 2])
def test_quorum_fraction_must_be_in_zero_one(fraction):
    with pytest.raises(ValueError, match="fraction"):
        quorum_met(10, 7, fraction)


@pytest.mark.parametrize("fraction", [0.6667, "2/3", True])
def test_quorum_fraction_must_be_exact(fraction):
    with pytest.raises(TypeError):
        quorum_met(10, 7, fraction)


@pytest.mark.parametrize(("members", "present"), [(10.0, 7), (10, 7.0), (True, 1)])
def test_quorum_counts_must_be_whole_numbers(members, present):
    with pytest.raises(TypeError):
        quorum_met(members, present)


# --- Thresholds: 90% of all members (secret ballot for top titles) -------------------------------


@pytest.mark.parametrize(
    ("approve", "reject", "abstain", "present", "approved", "share"),
    [
        (9, 1, 0, 10, True, "90.00"),
        (10, 0, 0, 10, True, "100.00"),
        (8, 2, 0, 10, False, "80.00"),
        (8, 0, 0, 8, False, "80.00"),  # 100% of those present is still 80% of all
        (9, 0, 0, 9, True, "90.00"),
        (0, 10, 0, 10, False, "0.00"),
        (0, 0, 0, 7, False, "0.00"),
    ],
)
def test_ninety_percent_of_all_members(approve, reject, abstain, present, approved, share):
    result = tally_result(approve, reject, abstain, members=10, present=present, threshold=NINETY_PERCENT_OF_ALL)

    assert result.approved is approved
    assert result.approve_share == D(share)
    assert result.base_count == 10
    assert result.needed == 9
    assert result.reason == (APPROVED if approved else BELOW_THRESHOLD)


@pytest.mark.parametrize(
    ("members", "needed"),
    [(10, 9), (11, 10), (9, 9), (14, 13), (20, 18), (21, 19), (1, 1), (3, 3)],
)
def test_ninety_percent_needed_rounds_up(members, needed):
    assert needed_approvals(NINETY_PERCENT_OF_ALL, members=members, present=members) == needed


@pytest.mark.parametrize(("approve", "approved"), [(12, False), (13, True)])
def test_ninety_percent_of_fourteen_members_needs_thirteen(approve, approved):
    # 12/14 = 85.71%, 13/14 = 92.86%.
    result = tally_result(approve, 14 - approve, 0, members=14, present=14, threshold=NINETY_PERCENT_OF_ALL)

    assert result.approved is approved


# --- Thresholds: more than half (quá bán) -------------------------------------------------------


@pytest.mark.parametrize(
    ("approve", "reject", "abstain", "approved", "share"),
    [
        (5, 5, 0, False, "50.00"),  # exactly half is not more than half
        (6, 4, 0, True, "60.00"),
        (5, 0, 5, False, "50.00"),
        (6, 0, 0, True, "60.00"),
        (4, 6, 0, False, "40.00"),
    ],
)
def test_more_than_half_of_all_ten_members(approve, reject, abstain, approved, share):
    result = tally_result(approve, reject, abstain, members=10, present=10, threshold=MORE_THAN_HALF_OF_ALL)

    assert result == BallotResult(
        approved=approved,
        approve_share=D(share),
        base_count=10,
        needed=6,
        reason=APPROVED if approved else BELOW_THRESHOLD,
        approvals_counted=approve,
        written_counted=True,
    )


@pytest.mark.parametrize(("members", "needed"), [(1, 1), (2, 2), (3, 2), (9, 5), (10, 6), (11, 6), (14, 8)])
def test_more_than_half_needed(members, needed):
    assert needed_approvals(MORE_THAN_HALF_OF_ALL, members=members, present=members) == needed


@pytest.mark.parametrize(
    ("approve", "reject", "abstain", "present", "approved", "share"),
    [
        (4, 3, 0, 7, True, "57.14"),  # 7 present of 10: 4 is more than half of those present
        (4, 3, 0, 8, False, "50.00"),  # 8 present: 4 is exactly half
        (4, 0, 4, 8, False, "50.00"),  # abstentions count in the base
        (5, 0, 3, 8, True, "62.50"),
        (1, 0, 0, 1, True, "100.00"),
    ],
)
def test_more_than_half_of_present(approve, reject, abstain, present, approved, share):
    result = tally_result(approve, reject, abstain, members=10, present=present, threshold=MORE_THAN_HALF_OF_PRESENT)

    assert result.approved is approved
    assert result.base_count == present
    assert result.approve_share == D(share)


def test_same_votes_pass_on_present_base_but_fail_on_all_members():
    votes = {"members": 10, "present": 7}

    on_present = tally_result(4, 3, 0, threshold=MORE_THAN_HALF_OF_PRESENT, **votes)
    on_all = tally_result(4, 3, 0, threshold=MORE_THAN_HALF_OF_ALL, **votes)

    assert on_present.approved and on_present.needed == 4
    assert not on_all.approved and on_all.needed == 6


@pytest.mark.parametrize(
    ("present", "approve", "approved", "needed"),
    [(10, 9, True, 9), (10, 8, False, 9), (7, 7, True, 7), (7, 6, False, 7), (8, 8, True, 8), (8, 7, False, 8)],
)
def test_ninety_percent_of_present(present, approve, approved, needed):
    # 90% of 7 = 6.3 → 7; of 8 = 7.2 → 8.
    result = tally_result(approve, present - approve, 0, members=10, present=present, threshold=NINETY_OF_PRESENT)

    assert result.approved is approved
    assert result.needed == needed


# --- Threshold boundaries and exactness ----------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "inclusive", "base", "needed"),
    [
        ("50", True, 10, 5),
        ("50", False, 10, 6),
        ("50", True, 9, 5),
        ("50", False, 9, 5),
        ("66.67", True, 3, 3),  # 2/3 = 66.666…% < 66.67%
        ("66.66", True, 3, 2),
        ("100", True, 7, 7),
        ("0", True, 10, 1),  # never approved without a single approval
        ("0", False, 10, 1),
        ("33.33333333333333333333333333", True, 3, 1),  # just under one third: 1 of 3 reaches it
        ("33.33333333333333333333333334", True, 3, 2),  # just over one third (beyond float precision)
        ("75", True, 4, 3),
        ("75", False, 4, 4),
    ],
)
def test_needed_approvals_exact(percent, inclusive, base, needed):
    threshold = Threshold(D(percent), Base.PRESENT, inclusive=inclusive)

    assert needed_approvals(threshold, members=base, present=base) == needed


@pytest.mark.parametrize("approve", range(0, 11))
@pytest.mark.parametrize(
    "threshold",
    [
        NINETY_PERCENT_OF_ALL,
        MORE_THAN_HALF_OF_ALL,
        Threshold(D("66.67"), Base.ALL),
        Threshold(D("75"), Base.ALL, inclusive=False),
        Threshold(D("100"), Base.ALL),
    ],
)
def test_approved_exactly_when_approvals_reach_needed(approve, threshold):
    result = tally_result(approve, 10 - approve, 0, members=10, present=10, threshold=threshold)

    product, required = approve * 100, threshold.percent * 10
    expected = product >= required if threshold.inclusive else product > required
    assert result.approved is (expected and approve >= 1)
    assert result.approved is (approve >= result.needed)


@pytest.mark.parametrize(
    ("approve", "base", "share"),
    [
        (2, 3, "66.67"),
        (1, 3, "33.33"),
        (1, 6, "16.67"),
        (1, 8, "12.50"),
        (1, 200, "0.50"),
        (1, 400, "0.25"),
        (0, 5, "0.00"),
    ],
)
def test_approve_share_rounds_half_up_to_two_places(approve, base, share):
    assert approve_share(approve, base) == D(share)
    assert approve_share(approve, base).as_tuple().exponent == -2


def test_base_count_follows_the_threshold():
    assert base_count(NINETY_PERCENT_OF_ALL, members=10, present=7) == 10
    assert base_count(NINETY_OF_PRESENT, members=10, present=7) == 7


def test_nobody_present_on_a_present_base_cannot_pass():
    result = tally_result(0, 0, 0, members=10, present=0, threshold=MORE_THAN_HALF_OF_PRESENT)

    assert result == BallotResult(approved=False, approve_share=D("0.00"), base_count=0, needed=1, reason=EMPTY_BASE)


# --- Absent members' written votes: they count on an "all members" base only ---------------------


def test_written_approvals_count_on_an_all_members_base():
    # 5 members, 4 present: 3 present approve, the absent member approves in writing → 4 of 5 = 80%.
    eighty = Threshold(D("80"), Base.ALL, inclusive=True)

    without = tally_result(3, 1, 0, members=5, present=4, threshold=eighty)
    with_written = tally_result(3, 1, 0, members=5, present=4, threshold=eighty, written_approve=1)

    assert (without.approved, without.approvals_counted, without.approve_share) == (False, 3, D("60.00"))
    assert (with_written.approved, with_written.approvals_counted, with_written.approve_share) == (True, 4, D("80.00"))
    assert with_written.written_counted is True and with_written.needed == 4


def test_written_votes_are_ignored_on_a_present_base():
    # Present base: 2 of 4 present approve (50%, not more than half); a written approval does not change that.
    result = tally_result(2, 2, 0, members=5, present=4, threshold=MORE_THAN_HALF_OF_PRESENT, written_approve=1)

    assert (result.approved, result.approvals_counted, result.written_counted) == (False, 2, False)
    assert result.approve_share == D("50.00")


def test_written_rejections_only_withhold_an_approval():
    result = tally_result(4, 0, 0, members=5, present=4, threshold=NINETY_PERCENT_OF_ALL, written_reject=1)

    assert (result.approved, result.approvals_counted, result.needed) == (False, 4, 5)


@pytest.mark.parametrize(
    ("written_approve", "written_reject", "message"),
    [(2, 0, "More written votes"), (1, 1, "More written votes"), (-1, 0, "negative")],
)
def test_more_written_votes_than_absent_members_is_refused(written_approve, written_reject, message):
    with pytest.raises(ValueError, match=message):
        tally_result(
            3,
            1,
            0,
            members=5,
            present=4,
            threshold=MORE_THAN_HALF_OF_ALL,
            written_approve=written_approve,
            written_reject=written_reject,
        )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(members=st.integers(min_value=1, max_value=40), data=st.data())
def test_written_votes_never_lower_the_count_and_only_count_on_all_members(members, data):
    present = data.draw(st.integers(min_value=0, max_value=members))
    approve = data.draw(st.integers(min_value=0, max_value=present))
    written = data.draw(st.integers(min_value=0, max_value=members - present))
    base = data.draw(st.sampled_from([Base.ALL, Base.PRESENT]))
    threshold = Threshold(D(data.draw(st.integers(min_value=1, max_value=100))), base, inclusive=True)

    plain = tally_result(approve, 0, 0, members=members, present=present, threshold=threshold)
    counted = tally_result(
        approve, 0, 0, members=members, present=present, threshold=threshold, written_approve=written
    )

    assert counted.approvals_counted == approve + (written if base == Base.ALL else 0)
    assert counted.approved >= plain.approved
    if base == Base.PRESENT:
        assert counted == plain


def test_council_without_members_cannot_pass():
    result = tally_result(0, 0, 0, members=0, present=0, threshold=NINETY_PERCENT_OF_ALL)

    assert not result.approved
    assert result.reason == EMPTY_BASE


def test_nobody_present_on_an_all_members_base_is_below_threshold():
    result = tally_result(0, 0, 0, members=10, present=0, threshold=NINETY_PERCENT_OF_ALL)

    assert not result.approved
    assert result.reason == BELOW_THRESHOLD
    assert result.base_count == 10


# --- Validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "members", "present", "message"),
    [
        ((-1, 0, 0), 10, 10, "approve cannot be negative"),
        ((0, -1, 0), 10, 10, "reject cannot be negative"),
        ((0, 0, -1), 10, 10, "abstain cannot be negative"),
        ((5, 4, 2), 10, 10, r"More votes cast \(11\) than members present \(10\)"),
        ((5, 3, 0), 10, 7, r"More votes cast \(8\) than members present \(7\)"),
        ((0, 0, 0), 10, 11, r"More members present \(11\) than the council has \(10\)"),
        ((0, 0, 0), -1, 0, "members cannot be negative"),
        ((0, 0, 0), 10, -1, "present cannot be negative"),
    ],
)
def test_tally_refuses_impossible_counts(votes, members, present, message):
    with pytest.raises(ValueError, match=message):
        tally_result(*votes, members=members, present=present, threshold=MORE_THAN_HALF_OF_ALL)


@pytest.mark.parametrize("votes", [(1.0, 0, 0), (0, "1", 0), (0, 0, None), (True, 0, 0)])
def test_tally_refuses_non_integer_counts(votes):
    with pytest.raises(TypeError, match="whole number"):
        tally_result(*votes, members=10, present=10, threshold=MORE_THAN_HALF_OF_ALL)


def test_all_present_votes_is_allowed():
    result = tally_result(3, 3, 4, members=10, present=10, threshold=MORE_THAN_HALF_OF_ALL)

    assert not result.approved


@pytest.mark.parametrize("percent", [D("-0.01"), D("100.01"), D("NaN"), D("Infinity")])
def test_threshold_percent_between_0_and_100(percent):
    with pytest.raises(ValueError, match="between 0 and 100"):
        Threshold(percent)


@pytest.mark.parametrize("percent", [90.0, "90", True])
def test_threshold_percent_must_be_decimal(percent):
    with pytest.raises(TypeError):
        Threshold(percent)


def test_more_than_one_hundred_percent_is_refused():
    with pytest.raises(ValueError, match="More than 100%"):
        Threshold(D("100"), inclusive=False)


def test_threshold_base_must_be_known():
    with pytest.raises(ValueError):
        Threshold(D("50"), "quorum")


def test_threshold_accepts_plain_strings_and_ints():
    threshold = Threshold(90, "present")

    assert needed_approvals(threshold, members=10, present=10) == 9


def test_thresholds_are_frozen():
    with pytest.raises(AttributeError):
        NINETY_PERCENT_OF_ALL.percent = D("50")
