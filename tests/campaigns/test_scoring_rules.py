"""The pure scoring rules: every method, caps, điểm liệt, table and tier validation, ranking."""

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

from campaigns import scoring_rules
from campaigns.scoring_rules import (
    POINTS_QUANTUM,
    CriterionRule,
    Kind,
    Message,
    Method,
    ScoringInputError,
    TableRule,
    TierRule,
    points_for,
    rank_competition,
    round_points,
    tier_for,
    total_for,
    validate_table,
    validate_tiers,
)

# Sóc Trăng, seed 004: 10 criteria summing to 100 points, self-scored by 10 wards.
SOC_TRANG_MAX_POINTS = ["5", "5", "15", "5", "5", "40", "10", "5", "2", "8"]
TIERS = (
    TierRule("Xuất sắc", D("90")),
    TierRule("Khá", D("70")),
    TierRule("Trung bình", D("50")),
    TierRule("Yếu", D("0")),
)


def manual(code="M", max_points="5", **kwargs):
    return CriterionRule(code=code, max_points=D(max_points), method=Method.MANUAL, **kwargs)


def target(code="T", max_points="5", target_value="100", **kwargs):
    return CriterionRule(
        code=code, max_points=D(max_points), method=Method.TARGET, target_value=D(target_value), **kwargs
    )


def boolean(code="B", max_points="5", **kwargs):
    return CriterionRule(code=code, max_points=D(max_points), method=Method.BOOLEAN, **kwargs)


def count(code="C", max_points="10", minimum=2, partial=False, **kwargs):
    return CriterionRule(
        code=code, max_points=D(max_points), method=Method.COUNT, count_minimum=minimum, count_partial=partial, **kwargs
    )


def soc_trang_table(max_points=SOC_TRANG_MAX_POINTS, declared_total="100"):
    criteria = tuple(manual(code=f"TC{i}", max_points=points) for i, points in enumerate(max_points, start=1))
    return TableRule(criteria=criteria, declared_total=D(declared_total))


def table_with_extras(bonus_cap="5", penalty_cap="10"):
    criteria = (
        manual(code="A", max_points="60", minimum_points=D("30")),
        manual(code="B", max_points="40"),
        manual(code="BONUS1", max_points="4", kind=Kind.BONUS),
        boolean(code="BONUS2", max_points="3", kind=Kind.BONUS),
        manual(code="PEN1", max_points="8", kind=Kind.PENALTY),
        count(code="PEN2", max_points="6", minimum=1, kind=Kind.PENALTY),
    )
    return TableRule(
        criteria=criteria,
        declared_total=D("100"),
        bonus_cap=None if bonus_cap is None else D(bonus_cap),
        penalty_cap=None if penalty_cap is None else D(penalty_cap),
    )


def steps(upper, step=D("0.25")):
    value = D("0")
    while value <= upper:
        yield value
        value += step


# ---- the module stays pure ----------------------------------------------------------------------------------------


def test_module_imports_no_django():
    tree = ast.parse(Path(scoring_rules.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {
        name
        for name in imported
        if name and name.split(".")[0] not in {"__future__", "collections", "dataclasses", "decimal", "enum"}
    }


# ---- manual -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("0"), D("0.00")), (0, D("0.00")), (D("2.5"), D("2.50")), (3, D("3.00")), (D("5"), D("5.00")), (5, D("5.00"))],
)
def test_manual_points_within_range_are_kept(value, expected):
    assert points_for(manual(), value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(D("2.345"), D("2.35")), (D("2.344"), D("2.34")), (D("0.005"), D("0.01"))]
)
def test_manual_points_are_rounded_half_up(value, expected):
    assert points_for(manual(), value) == expected


def test_manual_points_just_below_max_rounding_to_max():
    assert points_for(manual(), D("4.999")) == D("5.00")


@pytest.mark.parametrize("value", [D("5.01"), D("6"), 6, D("100")])
def test_manual_points_above_max_are_refused(value):
    with pytest.raises(ScoringInputError, match=r"M: points must be between 0 and 5"):
        points_for(manual(), value)


@pytest.mark.parametrize("value", [D("-0.01"), -1, D("-5")])
def test_manual_negative_points_are_refused(value):
    with pytest.raises(ScoringInputError, match="cannot be negative"):
        points_for(manual(), value)


@pytest.mark.parametrize("value", ["3", 3.0, None, True, False, D("NaN"), D("Infinity"), [3]])
def test_manual_non_numeric_points_are_refused(value):
    with pytest.raises(ScoringInputError, match="must be a number"):
        points_for(manual(), value)


@pytest.mark.parametrize("max_points", ["0.25", "2", "5", "15", "40", "7.75"])
def test_manual_every_quarter_step_scores_itself(max_points):
    rule = manual(max_points=max_points)
    for value in steps(D(max_points)):
        assert points_for(rule, value) == value.quantize(POINTS_QUANTUM)


def test_manual_points_with_plain_string_method():
    rule = CriterionRule(code="M", max_points=D("5"), method="manual")
    assert points_for(rule, D("4")) == D("4.00")


# ---- target -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("achieved", "expected"),
    [
        (D("0"), D("0.00")),
        (D("80"), D("8.00")),  # Đồng Tháp: 80 % electronic documents against a 100 % target → 80 % of max
        (D("50"), D("5.00")),
        (D("99.99"), D("10.00")),  # 9.999 rounds to 10.00
        (D("100"), D("10.00")),
        (100, D("10.00")),
        (D("120"), D("10.00")),  # over-achievement is capped at max
        (D("1000000"), D("10.00")),
    ],
)
def test_target_electronic_documents(achieved, expected):
    rule = target(code="VBDT", max_points="10", target_value="100")
    assert points_for(rule, achieved) == expected


@pytest.mark.parametrize(
    ("target_value", "achieved", "expected"),
    [
        ("50", "25", "2.50"),  # 50 % trained in data skills, half reached
        ("80", "60", "3.75"),  # 80 % online meetings, 60 % held online
        ("10", "12", "5.00"),  # 10 % staff with initiatives, exceeded
        ("7", "3.5", "2.50"),  # productivity +7 %/year, +3.5 % reached
        ("7", "7", "5.00"),
    ],
)
def test_target_dong_thap_targets(target_value, achieved, expected):
    rule = target(max_points="5", target_value=target_value)
    assert points_for(rule, D(achieved)) == D(expected)


@pytest.mark.parametrize(
    ("max_points", "target_value", "achieved", "expected"),
    [
        ("5", "3", "2", "3.33"),  # 2/3 of 5 = 3.333…
        ("5", "3", "1", "1.67"),  # 1/3 of 5 = 1.666…
        ("1", "8", "1", "0.13"),  # 0.125 rounds half up
        ("0.25", "2", "1", "0.13"),  # 0.125 again
        ("1", "8", "3", "0.38"),  # 0.375
        ("1", "200", "1", "0.01"),  # 0.005
        ("1", "400", "1", "0.00"),  # 0.0025
        ("10", "3", "1", "3.33"),
    ],
)
def test_target_proportional_points_round_half_up(max_points, target_value, achieved, expected):
    assert points_for(target(max_points=max_points, target_value=target_value), D(achieved)) == D(expected)


def test_target_points_never_exceed_max_and_grow_with_achievement():
    rule = target(max_points="7.5", target_value="30")
    previous = D("0")
    for achieved in steps(D("40"), step=D("0.5")):
        points = points_for(rule, achieved)
        assert previous <= points <= rule.max_points
        assert points == round_points(min(achieved, D("30")) * D("7.5") / D("30"))
        previous = points


@pytest.mark.parametrize("value", [D("-1"), -1, D("-0.001")])
def test_target_negative_achievement_is_refused(value):
    with pytest.raises(ScoringInputError, match="cannot be negative"):
        points_for(target(), value)


@pytest.mark.parametrize("value", ["80", 80.0, None, True, D("NaN")])
def test_target_non_numeric_achievement_is_refused(value):
    with pytest.raises(ScoringInputError, match="must be a number"):
        points_for(target(), value)


@pytest.mark.parametrize("target_value", [None, D("0"), D("-5")])
def test_target_without_positive_target_is_a_configuration_error(target_value):
    rule = CriterionRule(code="T", max_points=D("5"), method=Method.TARGET, target_value=target_value)
    with pytest.raises(ValueError, match="validate the table first"):
        points_for(rule, D("1"))


# ---- boolean ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(True, D("5.00")), (False, D("0.00"))])
def test_boolean_yes_gives_max_no_gives_zero(value, expected):
    assert points_for(boolean(), value) == expected


@pytest.mark.parametrize("value", [1, 0, D("1"), "yes", "True", None, 1.0])
def test_boolean_accepts_only_bool(value):
    with pytest.raises(ScoringInputError, match="B: the value must be yes or no"):
        points_for(boolean(), value)


# ---- count --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "partial", "expected"),
    [
        (0, False, "0.00"),
        (1, False, "0.00"),
        (2, False, "10.00"),
        (3, False, "10.00"),
        (50, False, "10.00"),
        (0, True, "0.00"),
        (1, True, "5.00"),
        (2, True, "10.00"),
        (7, True, "10.00"),
    ],
)
def test_count_below_at_and_above_minimum(value, partial, expected):
    assert points_for(count(max_points="10", minimum=2, partial=partial), value) == D(expected)


def test_count_at_least_one_scheme():
    # Seed 000: at least one scheme approved by leadership.
    rule = count(code="DE_AN", max_points="10", minimum=1)
    assert [points_for(rule, n) for n in (0, 1, 2)] == [D("0.00"), D("10.00"), D("10.00")]


@pytest.mark.parametrize(("value", "expected"), [(0, "0.00"), (1, "1.67"), (2, "3.33"), (3, "5.00"), (4, "5.00")])
def test_count_partial_rounds_half_up(value, expected):
    assert points_for(count(max_points="5", minimum=3, partial=True), value) == D(expected)


def test_count_partial_is_proportional_for_every_value():
    rule = count(max_points="8", minimum=6, partial=True)
    for value in range(0, 10):
        expected = round_points(D("8") * min(value, 6) / 6)
        assert points_for(rule, value) == expected


@pytest.mark.parametrize("value", [-1, -10])
def test_count_negative_is_refused(value):
    with pytest.raises(ScoringInputError, match="cannot be negative"):
        points_for(count(), value)


@pytest.mark.parametrize("value", [D("2"), 2.0, "2", True, False, None])
def test_count_accepts_only_whole_numbers(value):
    with pytest.raises(ScoringInputError, match="C: the value must be a whole number"):
        points_for(count(), value)


@pytest.mark.parametrize("minimum", [None, 0, -1])
def test_count_without_minimum_is_a_configuration_error(minimum):
    with pytest.raises(ValueError, match="validate the table first"):
        points_for(count(minimum=minimum), 1)


# ---- bonus and penalty criteria -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Kind.BONUS, Kind.PENALTY])
def test_bonus_and_penalty_points_are_non_negative(kind):
    assert points_for(manual(max_points="3", kind=kind), D("2")) == D("2.00")
    assert points_for(boolean(max_points="3", kind=kind), True) == D("3.00")
    assert points_for(count(max_points="3", minimum=1, kind=kind), 2) == D("3.00")


@pytest.mark.parametrize("kind", [Kind.BONUS, Kind.PENALTY])
def test_bonus_and_penalty_respect_their_own_max(kind):
    with pytest.raises(ScoringInputError, match="between 0 and 3"):
        points_for(manual(max_points="3", kind=kind), D("3.5"))


# ---- totals -------------------------------------------------------------------------------------------------------


def test_total_soc_trang_full_marks():
    table = soc_trang_table()
    points = {rule.code: rule.max_points for rule in table.criteria}
    result = total_for(table, points)
    assert (result.regular, result.bonus, result.penalty, result.total) == (D("100"), D("0"), D("0"), D("100"))
    assert result.below_minimum == ()


def test_total_missing_answers_count_as_zero():
    result = total_for(soc_trang_table(), {"TC6": D("38.5"), "TC3": D("12.25")})
    assert result.total == D("50.75")
    assert total_for(soc_trang_table(), {}).total == D("0.00")


def test_total_adds_bonus_and_subtracts_penalty():
    points = {"A": D("50"), "B": D("30"), "BONUS1": D("2"), "PEN1": D("1.5")}
    result = total_for(table_with_extras(), points)
    assert (result.regular, result.bonus, result.penalty, result.total) == (D("80"), D("2"), D("1.5"), D("80.50"))


@pytest.mark.parametrize(
    ("bonus_cap", "bonus1", "bonus2", "expected_bonus"),
    [("5", "4", "3", "5"), ("5", "1", "3", "4"), ("5", "2", "3", "5"), ("0", "4", "3", "0"), (None, "4", "3", "7")],
)
def test_total_bonus_is_capped(bonus_cap, bonus1, bonus2, expected_bonus):
    points = {"A": D("60"), "B": D("30"), "BONUS1": D(bonus1), "BONUS2": D(bonus2)}
    result = total_for(table_with_extras(bonus_cap=bonus_cap), points)
    assert result.bonus == D(expected_bonus)
    assert result.total == D("90") + D(expected_bonus)


@pytest.mark.parametrize(
    ("penalty_cap", "pen1", "pen2", "expected_penalty"),
    [
        ("10", "8", "6", "10"),
        ("10", "3", "6", "9"),
        ("10", "4", "6", "10"),
        ("0", "8", "6", "0"),
        (None, "8", "6", "14"),
    ],
)
def test_total_penalty_is_capped(penalty_cap, pen1, pen2, expected_penalty):
    points = {"A": D("60"), "B": D("30"), "PEN1": D(pen1), "PEN2": D(pen2)}
    result = total_for(table_with_extras(penalty_cap=penalty_cap), points)
    assert result.penalty == D(expected_penalty)
    assert result.total == D("90") - D(expected_penalty)


def test_total_can_exceed_declared_total_by_the_capped_bonus():
    points = {"A": D("60"), "B": D("40"), "BONUS1": D("4"), "BONUS2": D("3")}
    assert total_for(table_with_extras(), points).total == D("105")


def test_total_never_below_zero():
    points = {"A": D("2"), "PEN1": D("8"), "PEN2": D("6")}
    result = total_for(table_with_extras(penalty_cap=None), points)
    assert result.regular == D("2")
    assert result.penalty == D("14")
    assert result.total == D("0")


def test_total_exactly_zero_when_penalty_equals_regular():
    result = total_for(table_with_extras(), {"A": D("8"), "PEN1": D("8")})
    assert result.total == D("0")


@pytest.mark.parametrize(("points", "is_below"), [("0", True), ("29.99", True), ("30", False), ("60", False)])
def test_total_reports_below_minimum(points, is_below):
    result = total_for(table_with_extras(), {"A": D(points), "B": D("40")})
    assert result.below_minimum == (("A",) if is_below else ())


def test_total_missing_answer_under_a_minimum_is_below_minimum():
    assert total_for(table_with_extras(), {"B": D("40")}).below_minimum == ("A",)


def test_total_lists_every_criterion_below_minimum_in_table_order():
    table = TableRule(
        criteria=(manual("X", "50", minimum_points=D("10")), manual("Y", "50", minimum_points=D("10"))),
        declared_total=D("100"),
    )
    assert total_for(table, {"X": D("9"), "Y": D("9.75")}).below_minimum == ("X", "Y")
    assert total_for(table, {"X": D("10"), "Y": D("9.75")}).below_minimum == ("Y",)


def test_total_unknown_code_is_refused():
    with pytest.raises(ScoringInputError, match="ZZ: there is no such criterion"):
        total_for(soc_trang_table(), {"ZZ": D("1")})


@pytest.mark.parametrize("points", [D("5.01"), D("-1"), "3", 3.0, None, True, D("NaN")])
def test_total_points_outside_range_or_not_numbers_are_refused(points):
    with pytest.raises(ScoringInputError, match="TC1"):
        total_for(soc_trang_table(), {"TC1": points})


def test_total_accepts_whole_number_points():
    assert total_for(soc_trang_table(), {"TC1": 5, "TC6": 40}).total == D("45")


def test_total_of_each_manual_step_equals_the_sum():
    table = soc_trang_table()
    for value in steps(D("5")):
        points = {rule.code: min(value, rule.max_points) for rule in table.criteria}
        assert total_for(table, points).total == sum(points.values())


# ---- table validation ---------------------------------------------------------------------------------------------


def test_validate_table_soc_trang_is_valid():
    table = soc_trang_table()
    assert len(table.criteria) == 10
    assert sum(rule.max_points for rule in table.criteria) == D("100")
    assert validate_table(table) == []


def test_validate_table_tenth_of_a_point_step_is_invalid():
    max_points = ["5", "5", "15", "5", "5", "39.9", "10.1", "5", "2", "8"]
    assert validate_table(soc_trang_table(max_points=max_points)) == [
        "TC6: maximum points must be a multiple of 0.25.",
        "TC7: maximum points must be a multiple of 0.25.",
    ]


@pytest.mark.parametrize("max_points", ["0.25", "0.5", "0.75", "1", "12.25", "99.75"])
def test_validate_table_quarter_steps_are_valid(max_points):
    table = TableRule(criteria=(manual(max_points=max_points),), declared_total=D(max_points))
    assert validate_table(table) == []


@pytest.mark.parametrize("max_points", ["0.1", "0.2", "0.3", "1.01", "12.5001", "0.125"])
def test_validate_table_other_steps_are_invalid(max_points):
    table = TableRule(criteria=(manual(max_points=max_points),), declared_total=D(max_points))
    assert validate_table(table) == ["M: maximum points must be a multiple of 0.25."]


def test_validate_table_declared_total_mismatch_is_reported():
    assert validate_table(soc_trang_table(declared_total="90")) == [
        "The criteria add up to 100 points but the table declares 90."
    ]


def test_validate_table_bonus_and_penalty_do_not_count_towards_the_total():
    assert validate_table(table_with_extras()) == []


@pytest.mark.parametrize("max_points", ["0", "-5"])
def test_validate_table_max_points_must_be_positive(max_points):
    table = TableRule(
        criteria=(manual(max_points=max_points), manual("N", "10")), declared_total=D("10") + D(max_points)
    )
    assert validate_table(table) == ["M: maximum points must be greater than 0."]


def test_validate_table_codes_must_be_unique_and_present():
    table = TableRule(
        criteria=(manual("A", "25"), manual("A", "25"), manual(" ", "25"), manual("A", "25")),
        declared_total=D("100"),
    )
    assert validate_table(table) == ["A: the code is used more than once.", "Criterion number 3 has no code."]


@pytest.mark.parametrize("target_value", [None, D("0"), D("-1")])
def test_validate_table_target_needs_a_positive_target(target_value):
    rule = CriterionRule(code="T", max_points=D("100"), method=Method.TARGET, target_value=target_value)
    assert validate_table(TableRule(criteria=(rule,), declared_total=D("100"))) == [
        "T: a target criterion needs a target value greater than 0."
    ]


@pytest.mark.parametrize("minimum", [None, 0, -2])
def test_validate_table_count_needs_a_minimum(minimum):
    table = TableRule(criteria=(count(max_points="100", minimum=minimum),), declared_total=D("100"))
    assert validate_table(table) == ["C: a count criterion needs a required minimum of at least 1."]


@pytest.mark.parametrize(
    ("minimum_points", "is_valid"), [("0", True), ("50", True), ("100", True), ("100.25", False), ("-1", False)]
)
def test_validate_table_minimum_points_within_max(minimum_points, is_valid):
    table = TableRule(criteria=(manual(max_points="100", minimum_points=D(minimum_points)),), declared_total=D("100"))
    expected = [] if is_valid else ["M: the minimum points must be between 0 and 100."]
    assert validate_table(table) == expected


@pytest.mark.parametrize("kind", [Kind.BONUS, Kind.PENALTY])
def test_validate_table_minimum_points_only_on_regular_criteria(kind):
    criteria = (manual("A", "100"), manual("X", "5", kind=kind, minimum_points=D("1")))
    assert validate_table(TableRule(criteria=criteria, declared_total=D("100"))) == [
        "X: only regular criteria can have minimum points."
    ]


@pytest.mark.parametrize(("bonus_cap", "penalty_cap"), [("-1", "5"), ("5", "-0.25")])
def test_validate_table_caps_cannot_be_negative(bonus_cap, penalty_cap):
    problems = validate_table(table_with_extras(bonus_cap=bonus_cap, penalty_cap=penalty_cap))
    which = "bonus" if bonus_cap.startswith("-") else "penalty"
    assert problems == [f"The {which} cap cannot be negative."]


@pytest.mark.parametrize("declared_total", ["0", "-10"])
def test_validate_table_declared_total_must_be_positive(declared_total):
    problems = validate_table(TableRule(criteria=(), declared_total=D(declared_total)))
    assert "The declared total must be greater than 0." in problems


def test_validate_table_empty_table_is_reported():
    assert validate_table(TableRule(criteria=(), declared_total=D("100"))) == [
        "The criteria add up to 0 points but the table declares 100."
    ]


def test_validate_table_reports_every_problem_at_once():
    criteria = (
        manual("A", "0.1"),
        CriterionRule(code="T", max_points=D("5"), method=Method.TARGET),
        count("C", minimum=0),
        manual("A", "5"),
    )
    problems = validate_table(TableRule(criteria=criteria, declared_total=D("50"), bonus_cap=D("-1")))
    assert problems == [
        "A: the code is used more than once.",
        "A: maximum points must be a multiple of 0.25.",
        "T: a target criterion needs a target value greater than 0.",
        "C: a count criterion needs a required minimum of at least 1.",
        "The criteria add up to 20.1 points but the table declares 50.",
        "The bonus cap cannot be negative.",
    ]


# ---- messages are translatable ------------------------------------------------------------------------------------


def test_messages_keep_template_and_params():
    [problem] = validate_table(soc_trang_table(declared_total="90"))
    assert isinstance(problem, Message)
    assert problem.template == scoring_rules.TOTAL_MISMATCH
    assert problem.translate(lambda text: text.replace("The criteria add up to", "Tổng điểm các tiêu chí là")) == (
        "Tổng điểm các tiêu chí là 100 points but the table declares 90."
    )


def test_scoring_input_error_carries_a_message():
    with pytest.raises(ScoringInputError) as caught:
        points_for(manual(code="TC1"), D("6"))
    assert caught.value.message.template == scoring_rules.POINTS_OUT_OF_RANGE
    assert caught.value.message.params == {"code": "TC1", "max_points": D("5")}


# ---- tiers --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("100", "Xuất sắc"),
        ("105", "Xuất sắc"),
        ("90", "Xuất sắc"),
        ("90.00", "Xuất sắc"),
        ("89.99", "Khá"),
        ("70", "Khá"),
        ("69.99", "Trung bình"),
        ("50", "Trung bình"),
        ("49.99", "Yếu"),
        ("0", "Yếu"),
    ],
)
def test_tier_for_exact_bounds(total, expected):
    assert tier_for(TIERS, D(total)).name == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [("100", "Khá"), ("90", "Khá"), ("89.99", "Khá"), ("70", "Khá"), ("60", "Trung bình"), ("0", "Yếu")],
)
def test_tier_for_below_minimum_blocks_the_top_tier(total, expected):
    assert tier_for(TIERS, D(total), below_minimum=True).name == expected


def test_tier_for_below_minimum_from_a_total():
    table = TableRule(criteria=(manual("X", "50", minimum_points=D("45")), manual("Y", "50")), declared_total=D("100"))
    result = total_for(table, {"X": D("44.75"), "Y": D("50")})
    assert result.total == D("94.75")
    assert result.below_minimum == ("X",)
    assert tier_for(TIERS, result.total, below_minimum=bool(result.below_minimum)).name == "Khá"
    assert tier_for(TIERS, result.total).name == "Xuất sắc"


def test_tier_for_single_tier_stays_reachable_below_minimum():
    tiers = (TierRule("Hoàn thành", D("0")),)
    assert tier_for(tiers, D("10"), below_minimum=True).name == "Hoàn thành"


def test_tier_for_two_tiers_below_minimum_gives_the_lower():
    tiers = (TierRule("Đạt", D("50")), TierRule("Không đạt", D("0")))
    assert tier_for(tiers, D("100"), below_minimum=True).name == "Không đạt"


def test_tier_for_total_under_every_bound_is_a_configuration_error():
    with pytest.raises(ValueError, match="validate the tiers first"):
        tier_for((TierRule("A", D("50")), TierRule("B", D("10"))), D("5"))


def test_tier_for_every_quarter_point_matches_the_bands():
    for total in steps(D("100")):
        name = tier_for(TIERS, total).name
        expected = next(tier.name for tier in TIERS if total >= tier.lower_bound)
        assert name == expected


def test_validate_tiers_soc_trang_is_valid():
    assert validate_tiers(TIERS) == []
    assert validate_tiers(TIERS, D("100")) == []
    assert (
        validate_tiers([TierRule("Xuất sắc", D("90")), TierRule("Khá", D("70")), TierRule("Trung bình", D("0"))]) == []
    )


def test_validate_tiers_empty():
    assert validate_tiers([]) == ["Define at least one tier."]


def test_validate_tiers_single_tier_at_zero_is_valid():
    assert validate_tiers([TierRule("Hoàn thành", D("0"))]) == []


@pytest.mark.parametrize(
    "bounds",
    [("90", "70", "70", "0"), ("90", "95", "50", "0"), ("50", "70", "90", "0")],
)
def test_validate_tiers_must_be_strictly_descending(bounds):
    tiers = [TierRule(tier.name, D(bound)) for tier, bound in zip(TIERS, bounds, strict=True)]
    assert any("must have a lower bound below" in problem for problem in validate_tiers(tiers))


def test_validate_tiers_not_descending_names_both_tiers():
    tiers = [TierRule("Xuất sắc", D("70")), TierRule("Khá", D("90")), TierRule("Yếu", D("0"))]
    assert validate_tiers(tiers) == ["“Khá” must have a lower bound below that of “Xuất sắc”."]


def test_validate_tiers_gap_at_bottom():
    tiers = [TierRule("Xuất sắc", D("90")), TierRule("Khá", D("70")), TierRule("Trung bình", D("50"))]
    assert validate_tiers(tiers) == ["The last tier (“Trung bình”) must start at 0 so that every score has a tier."]


@pytest.mark.parametrize("name", ["Khá", "khá", " Khá "])
def test_validate_tiers_duplicate_names(name):
    tiers = [TierRule("Xuất sắc", D("90")), TierRule("Khá", D("70")), TierRule(name, D("50")), TierRule("Yếu", D("0"))]
    assert validate_tiers(tiers) == [f"The tier “{name.strip()}” appears more than once."]


def test_validate_tiers_empty_name():
    tiers = [TierRule("Xuất sắc", D("90")), TierRule("  ", D("0"))]
    assert validate_tiers(tiers) == ["Tier number 2 has no name."]


@pytest.mark.parametrize(("top", "is_valid"), [("100", True), ("100.25", False), ("150", False)])
def test_validate_tiers_bounds_within_declared_total(top, is_valid):
    tiers = [TierRule("Xuất sắc", D(top)), TierRule("Yếu", D("0"))]
    expected = [] if is_valid else ["“Xuất sắc”: the lower bound must be between 0 and 100."]
    assert validate_tiers(tiers, D("100")) == expected


def test_validate_tiers_negative_bound():
    tiers = [TierRule("Xuất sắc", D("90")), TierRule("Yếu", D("-10"))]
    assert validate_tiers(tiers, D("100")) == [
        "“Yếu”: the lower bound must be between 0 and 100.",
        "The last tier (“Yếu”) must start at 0 so that every score has a tier.",
    ]


# ---- ranking ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ranks"),
    [
        ([], []),
        (["90"], [1]),
        (["95", "90", "90", "80"], [1, 2, 2, 4]),
        (["80", "90", "95", "90"], [4, 2, 1, 2]),
        (["70", "70", "70"], [1, 1, 1]),
        (["90", "90.00", "89.99"], [1, 1, 3]),
        (["50", "60", "70", "80"], [4, 3, 2, 1]),
        (["100", "100", "90", "90", "90", "0"], [1, 1, 3, 3, 3, 6]),
    ],
)
def test_rank_competition(values, ranks):
    assert rank_competition([D(value) for value in values]) == ranks


def test_rank_competition_rank_is_one_plus_the_number_strictly_higher():
    values = [D(v) for v in ("3", "1", "4", "1", "5", "9", "2", "6", "5", "3", "5")]
    assert rank_competition(values) == [1 + sum(other > value for other in values) for value in values]


# ---- rounding -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [("0.125", "0.13"), ("0.124", "0.12"), ("0.135", "0.14"), ("2.5", "2.50"), ("3.3333", "3.33"), ("0.005", "0.01")],
)
def test_round_points_half_up(raw, rounded):
    assert round_points(D(raw)) == D(rounded)
    assert str(round_points(D(raw))) == rounded
