"""The seed tables' arithmetic (Sóc Trăng 004, Đồng Tháp 003, seed 000) against the engine ``campaigns/points/``.

These were the assertions about the legacy engine; what still applies is kept here, rewritten against the engine
(the legacy engine itself is only the oracle of ``test_points_properties.py``). What changed on purpose: any
amount with two decimals is valid (no 0.25 step), tiers are optional and need not reach 0, strings like "0,5"
are accepted as numbers.
"""

from decimal import Decimal as D

import pytest

from campaigns import points as pt
from campaigns.points import (
    ScoringInputError,
    TableSpec,
    Tier,
    legacy_criterion,
    legacy_inputs,
    legacy_table,
    rank_competition,
    round_points,
    score_criterion,
    score_table,
    tier_for,
    validate_table,
)

SOC_TRANG_MAX_POINTS = ["5", "5", "15", "5", "5", "40", "10", "5", "2", "8"]
TIERS = (Tier("Xuất sắc", D("90")), Tier("Khá", D("70")), Tier("Trung bình", D("50")), Tier("Yếu", D("0")))


def points_of(criterion, method, value):
    return score_criterion(criterion, legacy_inputs(method, value)).points


def manual(code="M", max_points="5", **kwargs):
    return legacy_criterion(code, D(max_points), "manual", **kwargs)


def target(code="T", max_points="5", target_value="100"):
    return legacy_criterion(code, D(max_points), "target", target_value=D(target_value))


def count(code="C", max_points="10", minimum=2, partial=False, **kwargs):
    return legacy_criterion(code, D(max_points), "count", count_minimum=minimum, count_partial=partial, **kwargs)


def soc_trang_table(max_points=SOC_TRANG_MAX_POINTS, declared_total="100"):
    criteria = [manual(code=f"TC{i}", max_points=points) for i, points in enumerate(max_points, start=1)]
    return legacy_table(criteria, D(declared_total))


def table_with_extras(bonus_cap="5", penalty_cap="10"):
    criteria = [
        manual(code="A", max_points="60", minimum_points=D("30")),
        manual(code="B", max_points="40"),
        manual(code="BONUS1", max_points="4", kind="bonus"),
        legacy_criterion("BONUS2", D("3"), "boolean", kind="bonus"),
        manual(code="PEN1", max_points="8", kind="penalty"),
        count(code="PEN2", max_points="6", minimum=1, kind="penalty"),
    ]
    caps = {"bonus_cap": None if bonus_cap is None else D(bonus_cap)}
    caps["penalty_cap"] = None if penalty_cap is None else D(penalty_cap)
    return legacy_table(criteria, D("100"), **caps)


def manual_answers(points):
    return {code: {"points": value} for code, value in points.items()}


# ---- the seed methods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(D("2.345"), "2.35"), (D("2.344"), "2.34"), ("4,999", "5.00")])
def test_manual_points_are_rounded_half_up(value, expected):
    assert points_of(manual(), "manual", value) == D(expected)


@pytest.mark.parametrize("value", [D("5.01"), 6, "100"])
def test_manual_points_above_the_standard_are_refused(value):
    with pytest.raises(ScoringInputError) as caught:
        points_of(manual(), "manual", value)
    assert caught.value.message.template == pt.POINTS_OUT_OF_RANGE
    assert caught.value.message.params == {"criterion": "M", "max_points": D("5")}


@pytest.mark.parametrize(
    ("target_value", "achieved", "expected"),
    [
        ("100", "80", "4.00"),  # Đồng Tháp: 80 % electronic documents against a 100 % target
        ("50", "25", "2.50"),
        ("80", "60", "3.75"),
        ("10", "12", "5.00"),  # exceeded: capped at the standard
        ("7", "3.5", "2.50"),
        ("3", "2", "3.33"),
    ],
)
def test_target_dong_thap_targets(target_value, achieved, expected):
    assert points_of(target(target_value=target_value), "target", D(achieved)) == D(expected)


@pytest.mark.parametrize(("value", "expected"), [(0, "0.00"), (1, "1.67"), (2, "3.33"), (3, "5.00"), (4, "5.00")])
def test_count_partial_rounds_half_up(value, expected):
    assert points_of(count(max_points="5", minimum=3, partial=True), "count", value) == D(expected)


def test_count_at_least_one_scheme_seed_000():
    scheme = count(code="DE_AN", max_points="10", minimum=1)
    assert [points_of(scheme, "count", n) for n in (0, 1, 2)] == [D("0.00"), D("10.00"), D("10.00")]


@pytest.mark.parametrize(("value", "expected"), [(True, "5"), (False, "0")])
def test_boolean_yes_gives_the_standard(value, expected):
    assert points_of(legacy_criterion("B", D("5"), "boolean"), "boolean", value) == D(expected)


# ---- totals -------------------------------------------------------------------------------------------------------


def test_total_soc_trang_full_marks():
    table = soc_trang_table()
    result = score_table(table, manual_answers({c.code: c.standard_points for c in table.criteria}))
    assert (result.regular, result.bonus, result.penalty, result.total) == (D("100"), D("0"), D("0"), D("100"))
    assert result.below_minimum == ()


def test_total_missing_answers_count_as_zero():
    assert score_table(soc_trang_table(), manual_answers({"TC6": "38,5", "TC3": "12.25"})).total == D("50.75")
    assert score_table(soc_trang_table(), {}).total == D("0")


@pytest.mark.parametrize(
    ("bonus_cap", "bonus1", "bonus2", "expected_bonus"),
    [("5", "4", True, "5"), ("5", "1", True, "4"), ("0", "4", True, "0"), (None, "4", True, "7")],
)
def test_total_bonus_is_capped(bonus_cap, bonus1, bonus2, expected_bonus):
    answers = manual_answers({"A": D("60"), "B": D("30"), "BONUS1": D(bonus1)})
    answers["BONUS2"] = legacy_inputs("boolean", bonus2)
    result = score_table(table_with_extras(bonus_cap=bonus_cap), answers)
    assert result.bonus == D(expected_bonus) and result.total == D("90") + D(expected_bonus)


@pytest.mark.parametrize(
    ("penalty_cap", "pen1", "pen2", "expected_penalty"),
    [("10", "8", 1, "10"), ("10", "3", 1, "9"), ("0", "8", 1, "0"), (None, "8", 1, "14")],
)
def test_total_penalty_is_capped(penalty_cap, pen1, pen2, expected_penalty):
    answers = manual_answers({"A": D("60"), "B": D("30"), "PEN1": D(pen1)}) | {"PEN2": {"count": pen2}}
    result = score_table(table_with_extras(penalty_cap=penalty_cap), answers)
    assert result.penalty == D(expected_penalty) and result.total == D("90") - D(expected_penalty)


def test_total_never_below_zero():
    answers = manual_answers({"A": D("2"), "PEN1": D("8")}) | {"PEN2": {"count": 1}}
    result = score_table(table_with_extras(penalty_cap=None), answers)
    assert (result.regular, result.penalty, result.total) == (D("2"), D("14"), D("0"))


@pytest.mark.parametrize(("points", "is_below"), [("0", True), ("29.99", True), ("30", False), ("60", False)])
def test_total_reports_below_minimum(points, is_below):
    result = score_table(table_with_extras(), manual_answers({"A": D(points), "B": D("40")}))
    assert result.below_minimum == (("A",) if is_below else ())


def test_total_unknown_code_is_refused():
    with pytest.raises(ScoringInputError, match="ZZ: there is no such criterion"):
        score_table(soc_trang_table(), manual_answers({"ZZ": D("1")}))


# ---- validation: two decimals, every problem at once ----------------------------------------------------------


def test_validate_table_soc_trang_is_valid():
    assert validate_table(soc_trang_table()) == []


@pytest.mark.parametrize("max_points", ["0.1", "0.2", "2.7", "0.25", "12.05"])
def test_any_two_decimal_amount_is_valid(max_points):
    assert validate_table(legacy_table([manual(max_points=max_points)], D(max_points))) == []


@pytest.mark.parametrize("max_points", ["0.125", "12.5001"])
def test_three_decimals_are_refused(max_points):
    [problem] = validate_table(legacy_table([manual(max_points=max_points)], None))
    assert problem.template == pt.AMOUNT_TOO_PRECISE


def test_validate_table_declared_total_mismatch_names_both_sums():
    [problem] = validate_table(soc_trang_table(declared_total="90"))
    assert problem.template == pt.TOTAL_MISMATCH and problem.params == {"actual": D("100"), "declared": D("90")}
    assert problem.translate(lambda text: text.replace("The criteria add up to", "Tổng điểm là"), str) == (
        "Tổng điểm là 100 points but the table declares 90."
    )


def test_validate_table_reports_every_problem_at_once():
    criteria = [
        manual("A", "0.125"),
        legacy_criterion("T", D("5"), "target"),
        count("C", minimum=0),
        manual("A", "5"),
    ]
    problems = validate_table(legacy_table(criteria, D("50"), bonus_cap=D("-1")))
    assert [p.template for p in problems] == [
        pt.DUPLICATE_CRITERION_CODE,
        pt.AMOUNT_TOO_PRECISE,
        pt.TARGET_MISSING,
        pt.MINIMUM_MISSING,
        pt.AMOUNT_NEGATIVE,
        pt.TOTAL_MISMATCH,
    ]


def test_validate_table_minimum_points_only_on_regular_criteria():
    criteria = [manual("A", "100"), manual("X", "5", kind="bonus", minimum_points=D("1"))]
    assert [p.template for p in validate_table(legacy_table(criteria, D("100")))] == [pt.MINIMUM_POINTS_NOT_REGULAR]


# ---- tiers: optional, best first ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [("105", "Xuất sắc"), ("90", "Xuất sắc"), ("89.99", "Khá"), ("70", "Khá"), ("49.99", "Yếu"), ("0", "Yếu")],
)
def test_tier_for_exact_bounds(total, expected):
    assert tier_for(TIERS, D(total)).name == expected


@pytest.mark.parametrize(("total", "expected"), [("100", "Khá"), ("70", "Khá"), ("60", "Trung bình")])
def test_tier_for_below_minimum_blocks_the_top_tier(total, expected):
    assert tier_for(TIERS, D(total), below_minimum=True).name == expected


def test_tiers_are_optional_and_may_stop_above_zero():
    assert validate_table(TableSpec(tiers=())) == []
    tiers = (Tier("Xuất sắc", D("90")), Tier("Khá", D("70")))
    assert validate_table(TableSpec(tiers=tiers)) == [] and tier_for(tiers, D("50")) is None


def test_tiers_must_descend_and_have_unique_names():
    tiers = (Tier("Xuất sắc", D("90")), Tier("Khá", D("95")), Tier(" xuất sắc ", D("0")))
    assert [p.template for p in validate_table(TableSpec(tiers=tiers))] == [
        pt.DUPLICATE_TIER_NAME,
        pt.TIERS_NOT_DESCENDING,
    ]


# ---- ranking and rounding -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ranks"),
    [([], []), (["95", "90", "90", "80"], [1, 2, 2, 4]), (["100", "100", "90", "90", "90", "0"], [1, 1, 3, 3, 3, 6])],
)
def test_rank_competition(values, ranks):
    assert rank_competition([D(value) for value in values]) == ranks


@pytest.mark.parametrize(("raw", "rounded"), [("0.125", "0.13"), ("0.124", "0.12"), ("0.005", "0.01")])
def test_round_points_half_up(raw, rounded):
    assert str(round_points(D(raw))) == rounded
