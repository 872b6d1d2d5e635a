"""The pure scoring engine (campaigns.points): the worked example, every base kind, rule kind and cap, inputs,
validation, descriptions, serialisation and the legacy adapters."""

import ast
import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from campaigns import points
from campaigns.demo import EXAMPLE_FILE
from campaigns.points import (
    LEGACY_PART,
    Band,
    BaseKind,
    BaseSpec,
    CriterionInputs,
    CriterionSpec,
    GroupSpec,
    Message,
    Part,
    Per,
    Role,
    RuleKind,
    RuleSpec,
    Scope,
    ScoringInputError,
    ScoringInputErrors,
    Span,
    TableFormatError,
    TableSpec,
    Tier,
    criterion_from_dict,
    criterion_to_dict,
    describe_band,
    describe_base,
    describe_rule,
    input_errors,
    legacy_criterion,
    legacy_inputs,
    legacy_table,
    parse_inputs,
    parse_submission,
    provisional_relative_points,
    rank_classified,
    rank_competition,
    relative_points,
    round_points,
    rule_from_dict,
    rule_to_dict,
    score_criterion,
    score_participants,
    score_table,
    table_from_dict,
    table_to_dict,
    tier_for,
    to_decimal,
    validate_table,
)

EXAMPLE_PATH = EXAMPLE_FILE  # the repository copy of the shared example
EXAMPLE = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"), parse_float=D)
CASES = {case["id"]: case for case in EXAMPLE["cases"]}
TIERS = (Tier("Xuất sắc", D("90")), Tier("Khá", D("70")), Tier("Trung bình", D("50")))


def q(amount):
    return D(amount).quantize(D("0.01"))


def example_table():
    return table_from_dict(EXAMPLE["table"])


def criterion(code="K", standard="10", base=None, rules=(), **kwargs):
    return CriterionSpec(
        code=code, text="", standard_points=D(standard), base=base or BaseSpec(), rules=rules, **kwargs
    )


def deduction(code="R", points_="1", per=Per.OCCURRENCE, cap=None):
    return RuleSpec(code=code, kind=RuleKind.DEDUCTION, per=per, points=D(points_), cap=None if cap is None else D(cap))


def bonus(code="R", points_="1", per=Per.OCCURRENCE, cap=None, only_without_deductions=False):
    return RuleSpec(
        code=code,
        kind=RuleKind.BONUS,
        per=per,
        points=D(points_),
        cap=None if cap is None else D(cap),
        only_without_deductions=only_without_deductions,
    )


def either(code="E", bonus_="0.5", deduction_="0.5", cap=None):
    return RuleSpec(
        code=code, kind=RuleKind.EITHER, bonus=D(bonus_), deduction=D(deduction_), cap=None if cap is None else D(cap)
    )


def step(code="S", above="80", step_="1", points_="0.1", cap=None):
    return RuleSpec(
        code=code,
        kind=RuleKind.STEP_BONUS,
        above=D(above),
        step=D(step_),
        points=D(points_),
        cap=None if cap is None else D(cap),
    )


def gate(code="G"):
    return RuleSpec(code=code, kind=RuleKind.GATE)


def bands_base(*bands):
    return BaseSpec(kind=BaseKind.BANDS, bands=tuple(bands))


def lookup_base():
    return BaseSpec(
        kind=BaseKind.LOOKUP,
        rows=(Span(D("0"), D("500")), Span(D("500"), D("2001")), Span(D("2001"))),
        columns=(Span(D("95")), Span(D("90"), D("95")), Span(D("0"), D("90"))),
        matrix=((D("8"), D("6"), D("3")), (D("8"), D("6.5"), D("3.5")), (D("8"), D("7"), D("4.5"))),
    )


def relative_criterion(code="E1", standard="10", rules=()):
    return criterion(code, standard, BaseSpec(kind=BaseKind.RELATIVE_TO_LEADER, scope=Scope.BLOC), rules)


def table_of(*criteria, **kwargs):
    return TableSpec(groups=(GroupSpec("G", criteria=tuple(criteria)),), **kwargs)


def base_points(spec, inputs):
    return score_criterion(spec, inputs).base


def normalised(data):
    """JSON data with numbers as Decimal and null-valued keys dropped, to compare dumps with the hand-written file."""
    if isinstance(data, dict):
        return {key: normalised(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [normalised(item) for item in data]
    if isinstance(data, bool):
        return data
    if isinstance(data, int | D):
        return D(data)
    if isinstance(data, str) and to_decimal(data) is not None and data.strip() != "":
        return to_decimal(data)
    return data


# ---- the module stays pure ------------------------------------------------------------------------------------------


def test_module_imports_only_the_standard_library():
    imported: set[str] = set()
    for module in Path(points.__file__).parent.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    allowed = {"__future__", "collections", "dataclasses", "decimal", "enum", "fractions", "re", "typing"}
    outside = {name for name in imported if not name.startswith("campaigns.points")}
    assert {name.split(".")[0] for name in outside} <= allowed


# ---- the worked example ---------------------------------------------------------------------------------------------


def test_example_table_is_valid():
    assert validate_table(example_table()) == []


@pytest.mark.parametrize("case_id", ["X1", "X2", "X3"])
def test_example_case_criteria_points(case_id):
    case = CASES[case_id]

    result = score_table(example_table(), case["inputs"])

    got = {code: q(criterion_result.points) for code, criterion_result in result.criteria.items()}
    assert got == {code: q(points_) for code, points_ in case["expected"]["criteria"].items()}


@pytest.mark.parametrize("case_id", ["X1", "X2", "X3"])
def test_example_case_total_tier_and_classification(case_id):
    expected = CASES[case_id]["expected"]

    result = score_table(example_table(), CASES[case_id]["inputs"])

    assert q(result.total) == q(expected["total"])
    assert result.tier == expected["tier"]
    assert result.classified is expected["classified"]
    assert result.gated is not expected["classified"]


def test_example_ranks_skip_the_unclassified():
    results = [score_table(example_table(), CASES[case_id]["inputs"]) for case_id in ("X1", "X2", "X3")]

    ranks = rank_classified([result.total if result.classified else None for result in results])

    assert ranks == [CASES[case_id]["expected"]["rank"] for case_id in ("X1", "X2", "X3")] == [1, 2, None]


def test_example_x3_table_bonus_cap_and_gate():
    result = score_table(example_table(), CASES["X3"]["inputs"])

    assert (result.regular, result.bonus_before_cap, result.bonus, result.penalty) == (D("89"), D("6.4"), D("5"), 0)
    assert sum(criterion_result.points for criterion_result in result.criteria.values()) == D("95.4")
    assert result.gate_codes == ("D2.1",)
    assert result.criteria["D2"].gated is True
    assert result.criteria["D2"].gate_codes == ("D2.1",)


def test_example_x1_group_subtotals():
    result = score_table(example_table(), CASES["X1"]["inputs"])

    assert result.groups == {
        "I": D("63.6"),
        "A": D("26.1"),
        "B": D("37.5"),
        "II": D("24.4"),
        "III": D("15.2"),
    }


def test_example_x2_shared_and_own_caps():
    result = score_table(example_table(), CASES["X2"]["inputs"]).criteria

    assert (result["A2"].deduction, result["A2"].bonus) == (D("3"), D("0"))
    assert result["A2"].contributions == {"A2.1": D("-1.5"), "A2.2": D("-2"), "A2.3": D("0")}
    assert (result["B1"].deduction, result["C1"].deduction, result["C1"].net) == (D("5"), D("13"), D("0"))
    assert result["B2"].contributions == {"B2.1": D("-0.5")}


def test_example_relative_units_from_the_set_function():
    example = EXAMPLE["relative_example"]
    spec = criterion_from_dict(example["criterion"])

    figures = relative_points(
        spec.standard_points, {unit["id"]: (unit["value"], unit["target"]) for unit in example["units"]}
    )

    assert {key: q(figure) for key, figure in figures.items()} == {
        unit["id"]: q(unit["expected_points"]) for unit in example["units"]
    }


def test_example_relative_units_scored_together():
    example = EXAMPLE["relative_example"]
    table = TableSpec(criteria=(criterion_from_dict(example["criterion"]),))
    submissions = {unit["id"]: {"E1": {"value": unit["value"], "target": unit["target"]}} for unit in example["units"]}

    results = score_participants(table, submissions)

    assert {key: result.total for key, result in results.items()} == {
        unit["id"]: q(unit["expected_points"]) for unit in example["units"]
    }
    assert not any(result.provisional for result in results.values())


def test_example_round_trip_is_exact():
    table = example_table()

    dumped = table_to_dict(table)

    assert normalised(dumped) == normalised(EXAMPLE["table"])
    assert table_from_dict(json.loads(json.dumps(dumped))) == table


# ---- base: standard and yes/no parts --------------------------------------------------------------------------------


def test_standard_base_is_the_standard_without_input():
    assert score_criterion(criterion(standard="7.25")).points == D("7.25")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [({"a": True, "b": True, "c": True}, "12"), ({"a": True, "c": True}, "8"), ({"b": False}, "0"), ({}, "0")],
)
def test_yes_no_parts_base_adds_the_parts_answered_yes(answers, expected):
    parts = (Part("a", D("4")), Part("b", D("4")), Part("c", D("4")))
    spec = criterion(standard="12", base=BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=parts))

    result = score_criterion(spec, {"parts": answers})

    assert result.points == D(expected)
    assert result.parts == answers


# ---- base: bands ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("98", "8"),
        ("1000", "8"),
        ("97.99", "6.5"),
        ("95", "6.5"),
        ("94.99", "5"),
        ("90", "5"),
        ("89.9", "2"),
        ("0", "2"),
    ],
)
def test_bands_base_value_in_from_below(value, expected):
    spec = example_table().groups[0].groups[0].criteria[0]  # A1

    assert base_points(spec, {"value": D(value)}) == D(expected)


@pytest.mark.parametrize(("value", "expected"), [("4.99", "0"), ("5", "3"), ("10", "0"), ("20", "0"), (None, "0")])
def test_bands_base_value_in_no_band_is_zero(value, expected):
    spec = criterion(base=bands_base(Band(D("5"), D("3"), D("10"))))

    assert base_points(spec, {"value": value}) == D(expected)


# ---- base: target and count -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [("0", "0"), ("60", "7.5"), ("79.99", "10"), ("80", "10"), ("200", "10"), (None, "0")]
)
def test_target_base_is_proportional_up_to_the_standard(value, expected):
    spec = criterion(base=BaseSpec(kind=BaseKind.TARGET, target=D("80")))

    assert base_points(spec, {"value": value}) == D(expected)


@pytest.mark.parametrize(
    ("count", "partial", "expected"),
    [
        (0, True, "0"),
        (3, True, "6"),
        (4, True, "8"),
        (9, True, "8"),
        (3, False, "0"),
        (4, False, "8"),
        (None, True, "0"),
    ],
)
def test_count_minimum_base(count, partial, expected):
    spec = criterion(standard="8", base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=4, partial=partial))

    assert base_points(spec, {"count": count}) == D(expected)


def test_count_minimum_is_partial_by_default():
    assert BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=3).partial is True


# ---- base: lookup ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "value", "expected"),
    [
        ("0", "95", "8"),
        ("499", "94.99", "6"),
        ("500", "94.99", "6.5"),
        ("2000", "90", "6.5"),
        ("2001", "90", "7"),
        ("2001", "89.99", "4.5"),
        ("300", "0", "3"),
        ("99999", "100", "8"),
    ],
)
def test_lookup_base_size_picks_the_row_value_the_column(size, value, expected):
    spec = criterion(standard="8", base=lookup_base())

    assert base_points(spec, {"size": D(size), "value": D(value)}) == D(expected)


@pytest.mark.parametrize("answers", [{"value": D("96")}, {"size": D("10")}, {}])
def test_lookup_base_missing_size_or_value_is_zero(answers):
    assert base_points(criterion(standard="8", base=lookup_base()), answers) == 0


def test_lookup_base_outside_every_column_is_zero():
    base = BaseSpec(kind=BaseKind.LOOKUP, rows=(Span(D("0")),), columns=(Span(D("50"), D("60")),), matrix=((D("8"),),))

    assert base_points(criterion(standard="8", base=base), {"size": D("1"), "value": D("49")}) == 0


# ---- base: manual ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"), [("0", "0"), ("3.5", "3.5"), ("10", "10"), ("2.345", "2.35"), (None, "0")]
)
def test_manual_base_is_the_points_typed(typed, expected):
    spec = criterion(base=BaseSpec(kind=BaseKind.MANUAL))

    assert score_criterion(spec, {"points": typed}).points == D(expected)


# ---- base: relative to the leader -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [("90", "100", "4.5"), ("0", "100", "0"), ("100", "100", "5"), ("120", "100", "5"), ("1000", "1", "5")],
)
def test_relative_single_unit_gets_a_provisional_figure(value, target, expected):
    result = score_criterion(relative_criterion(), {"value": D(value), "target": D(target)})

    assert result.points == D(expected)
    assert result.provisional is True


def test_relative_unanswered_is_zero_and_provisional():
    result = score_criterion(relative_criterion(), {})

    assert (result.points, result.provisional) == (0, True)


def test_relative_with_the_bloc_figure_is_final():
    result = score_criterion(relative_criterion(), {"value": D("220"), "target": D("200")}, relative_base=D("7.5"))

    assert (result.points, result.provisional) == (D("7.5"), False)


def test_relative_base_on_another_kind_is_refused():
    with pytest.raises(ValueError, match="only a relative_to_leader"):
        score_criterion(criterion(), {}, relative_base=D("1"))


def test_relative_ties_for_the_lead_all_get_the_standard():
    entries = {"a": (D("120"), D("100")), "b": (D("60"), D("50")), "c": (D("110"), D("100"))}

    assert relative_points(D("10"), entries) == {"a": D("10"), "b": D("10"), "c": D("7.5")}


def test_relative_nobody_exceeds_the_target():
    entries = {"a": (D("100"), D("100")), "b": (D("50"), D("100")), "c": (D("0"), D("7"))}

    assert relative_points(D("10"), entries) == {"a": D("5"), "b": D("2.5"), "c": D("0")}


def test_relative_inexact_share_is_divided_once():
    entries = {"a": (D("130"), D("100")), "b": (D("110"), D("100"))}

    figures = relative_points(D("10"), entries)

    assert figures["a"] == D("10")
    assert round_points(figures["b"]) == D("6.67")


def test_relative_empty_set_gives_nothing():
    assert relative_points(D("10"), {}) == {}


@pytest.mark.parametrize("target", [D("0"), D("-1")])
def test_relative_target_must_be_positive(target):
    with pytest.raises(ValueError, match="greater than 0"):
        relative_points(D("10"), {"a": (D("1"), target)})
    with pytest.raises(ValueError, match="greater than 0"):
        provisional_relative_points(D("10"), D("1"), target)


def test_relative_participants_without_answers_get_zero_final():
    table = TableSpec(criteria=(relative_criterion(),))

    results = score_participants(table, {"u1": {"E1": {"value": 120, "target": 100}}, "u2": {}})

    assert (results["u1"].total, results["u2"].total) == (D("10"), D("0"))
    assert not results["u2"].provisional


def test_relative_provisional_flag_reaches_the_table():
    table = TableSpec(criteria=(relative_criterion(),))

    assert score_table(table, {"E1": {"value": 1, "target": 1}}).provisional is True
    assert score_table(table, {"E1": {"value": 1, "target": 1}}, relative={"E1": D("5")}).provisional is False


# ---- rules: deduction and bonus -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "expected"), [(0, "10"), (1, "9.8"), (5, "9"), (6, "9"), (100, "9"), (None, "10")])
def test_deduction_per_occurrence_with_its_own_cap(count, expected):
    spec = criterion(rules=(deduction(points_="0.2", cap="1"),))

    assert score_criterion(spec, {"rules": {"R": count}}).points == D(expected)


@pytest.mark.parametrize(("answer", "expected"), [(True, "8.5"), (False, "10"), (None, "10")])
def test_deduction_once(answer, expected):
    spec = criterion(rules=(deduction(points_="1.5", per=Per.ONCE),))

    assert score_criterion(spec, {"rules": {"R": answer}}).points == D(expected)


@pytest.mark.parametrize(("count", "expected"), [(0, "10"), (1, "10.7"), (2, "11.4"), (3, "11.4")])
def test_bonus_per_occurrence_with_its_own_cap(count, expected):
    spec = criterion(rules=(bonus(points_="0.7", cap="1.4"),))

    assert score_criterion(spec, {"rules": {"R": count}}).points == D(expected)


@pytest.mark.parametrize(("answer", "expected"), [(True, "12"), (False, "10")])
def test_bonus_once(answer, expected):
    spec = criterion(rules=(bonus(points_="2", per=Per.ONCE),))

    assert score_criterion(spec, {"rules": {"R": answer}}).points == D(expected)


def test_once_rule_own_cap_limits_its_points():
    spec = criterion(rules=(deduction(points_="3", per=Per.ONCE, cap="2"),))

    assert score_criterion(spec, {"rules": {"R": True}}).deduction == D("2")


@pytest.mark.parametrize(("late", "wrong", "expected_d"), [(0, 0, "0"), (2, 1, "2"), (3, 2, "3"), (10, 10, "3")])
def test_criterion_deduction_cap_is_shared_by_its_rules(late, wrong, expected_d):
    spec = criterion(rules=(deduction("L", "0.5"), deduction("W", "1", cap="2")), deduction_cap=D("3"))

    result = score_criterion(spec, {"rules": {"L": late, "W": wrong}})

    assert result.deduction == D(expected_d)
    assert result.points == D("10") - D(expected_d)


def test_criterion_bonus_cap_is_shared_by_its_rules():
    spec = criterion(rules=(bonus("A", "1"), bonus("B", "0.5")), bonus_cap=D("1.5"))

    result = score_criterion(spec, {"rules": {"A": 2, "B": 2}})

    assert (result.bonus, result.points) == (D("1.5"), D("11.5"))
    assert result.contributions == {"A": D("2"), "B": D("1")}


def test_floor_at_zero_then_bonus_is_added():
    spec = criterion(standard="2", rules=(deduction("M", "1"), bonus("P", "0.5")))

    result = score_criterion(spec, {"rules": {"M": 5, "P": 1}})

    assert (result.deduction, result.net, result.bonus, result.points) == (D("5"), D("0"), D("0.5"), D("0.5"))


@pytest.mark.parametrize(("deductions", "expected_bonus"), [(0, "1"), (1, "0")])
def test_only_without_deductions_bonus(deductions, expected_bonus):
    spec = criterion(rules=(deduction("M", "0.5"), bonus("P", "0.5", cap="1", only_without_deductions=True)))

    result = score_criterion(spec, {"rules": {"M": deductions, "P": 3}})

    assert result.bonus == D(expected_bonus)
    assert result.contributions["P"] == D(expected_bonus)


def test_only_without_deductions_looks_at_d_after_the_caps():
    spec = criterion(
        rules=(deduction("M", "0.5"), bonus("P", "0.5", only_without_deductions=True)), deduction_cap=D("0")
    )

    assert score_criterion(spec, {"rules": {"M": 4, "P": 1}}).bonus == D("0.5")


# ---- rules: either, step bonus, gate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected", "contribution"), [(True, "10.5", "0.5"), (False, "9", "-1"), (None, "10", "0")]
)
def test_either_yes_adds_no_deducts_missing_is_nothing(answer, expected, contribution):
    spec = criterion(rules=(either(bonus_="0.5", deduction_="1"),))

    result = score_criterion(spec, {"rules": {"E": answer}})

    assert result.points == D(expected)
    assert result.contributions == {"E": D(contribution)}


def test_either_own_cap():
    spec = criterion(rules=(either(bonus_="2", deduction_="3", cap="1"),))

    assert score_criterion(spec, {"rules": {"E": False}}).deduction == D("1")
    assert score_criterion(spec, {"rules": {"E": True}}).bonus == D("1")


@pytest.mark.parametrize(
    ("value", "expected_bonus"),
    [("0", "0"), ("80", "0"), ("80.99", "0"), ("81", "0.1"), ("83", "0.3"), ("83.5", "0.3"), ("84.99", "0.4")],
)
def test_step_bonus_counts_full_steps_above_the_threshold(value, expected_bonus):
    spec = criterion(base=BaseSpec(kind=BaseKind.TARGET, target=D("80")), rules=(step(),))

    assert score_criterion(spec, {"value": D(value)}).bonus == D(expected_bonus)


@pytest.mark.parametrize(("value", "expected_bonus"), [("85", "0.5"), ("86.5", "0.5"), ("200", "0.5")])
def test_step_bonus_own_cap(value, expected_bonus):
    spec = criterion(base=BaseSpec(kind=BaseKind.TARGET, target=D("80")), rules=(step(cap="0.5"),))

    assert score_criterion(spec, {"value": D(value)}).bonus == D(expected_bonus)


def test_step_bonus_own_input_overrides_the_criterion_value():
    spec = criterion(base=BaseSpec(kind=BaseKind.TARGET, target=D("80")), rules=(step(above="10", step_="2.5"),))

    assert score_criterion(spec, {"value": D("90"), "rules": {"S": D("15")}}).bonus == D("0.2")


def test_step_bonus_on_a_standard_criterion_uses_the_value():
    spec = criterion(rules=(step(),))

    assert score_criterion(spec, {"value": "82"}).bonus == D("0.2")
    assert score_criterion(spec, {}).bonus == 0


@pytest.mark.parametrize(("answer", "gated"), [(True, True), (False, False), (None, False)])
def test_gate_leaves_the_total_but_blocks_classification(answer, gated):
    table = table_of(criterion(rules=(gate(),)), tiers=TIERS)

    result = score_table(table, {"K": {"rules": {"G": answer}}})

    assert result.total == D("10")
    assert (result.gated, result.classified) == (gated, not gated)
    assert result.gate_codes == (("G",) if gated else ())
    assert result.criteria["K"].contributions == {}


def test_gated_participant_has_no_tier_even_with_a_high_total():
    table = table_of(criterion(standard="100", rules=(gate(),)), tiers=TIERS)

    result = score_table(table, {"K": {"rules": {"G": True}}})

    assert (result.total, result.tier) == (D("100"), None)


# ---- rounding -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "target", "value", "expected"),
    [("1", "8", "1", "0.13"), ("1", "8", "3", "0.38"), ("10", "3", "1", "3.33"), ("5", "3", "1", "1.67")],
)
def test_rounding_half_up_once_per_criterion(standard, target, value, expected):
    spec = criterion(standard=standard, base=BaseSpec(kind=BaseKind.TARGET, target=D(target)))

    assert score_criterion(spec, {"value": D(value)}).points == D(expected)


def test_rounding_net_then_exact_bonus():
    spec = criterion(
        standard="1",
        base=BaseSpec(kind=BaseKind.TARGET, target=D("8")),
        rules=(deduction("M", "0.1"), bonus("P", "0.5")),
    )

    result = score_criterion(spec, {"value": D("1"), "rules": {"M": 0, "P": 1}})

    assert (result.base, result.net, result.points) == (D("0.13"), D("0.13"), D("0.63"))


def test_round_points_half_up():
    assert [round_points(D(value)) for value in ("0.125", "0.124", "0.005", "2.345")] == [
        D("0.13"),
        D("0.12"),
        D("0.01"),
        D("2.35"),
    ]


# ---- table arithmetic -----------------------------------------------------------------------------------------------


def roles_table(bonus_cap="5", penalty_cap="10"):
    manual = BaseSpec(kind=BaseKind.MANUAL)
    return table_of(
        criterion("A", "60", manual, rules=(bonus("AB", "1"),), minimum_points=D("30")),
        criterion("B", "40", manual),
        criterion("X", "4", manual, role=Role.BONUS),
        criterion("P", "8", manual, role=Role.PENALTY),
        criterion("Q", "6", manual, role=Role.PENALTY),
        bonus_cap=None if bonus_cap is None else D(bonus_cap),
        penalty_cap=None if penalty_cap is None else D(penalty_cap),
        declared_total=D("100"),
        tiers=TIERS,
    )


def test_table_roles_bonus_and_penalty_go_to_the_table_caps():
    submission = {"A": {"points": 50, "rules": {"AB": 2}}, "B": {"points": 30}, "X": {"points": 4}, "P": {"points": 1}}

    result = score_table(roles_table(), submission)

    assert (result.regular, result.bonus_before_cap, result.bonus) == (D("80"), D("6"), D("5"))
    assert (result.penalty_before_cap, result.penalty, result.total) == (D("1"), D("1"), D("84"))


def test_table_penalty_cap():
    submission = {"A": {"points": 60}, "B": {"points": 40}, "P": {"points": 8}, "Q": {"points": 6}}

    result = score_table(roles_table(), submission)

    assert (result.penalty_before_cap, result.penalty, result.total) == (D("14"), D("10"), D("90"))


def test_table_without_caps():
    submission = {"A": {"points": 60, "rules": {"AB": 3}}, "X": {"points": 4}, "P": {"points": 8}}

    result = score_table(roles_table(bonus_cap=None, penalty_cap=None), submission)

    assert (result.bonus, result.penalty, result.total) == (D("7"), D("8"), D("59"))


def test_table_total_is_floored_at_zero():
    result = score_table(roles_table(penalty_cap=None), {"A": {"points": 2}, "P": {"points": 8}, "Q": {"points": 6}})

    assert (result.regular, result.penalty, result.total) == (D("2"), D("14"), D("0"))


def test_table_total_is_not_capped_at_the_declared_total():
    submission = {"A": {"points": 60, "rules": {"AB": 1}}, "B": {"points": 40}, "X": {"points": 4}}

    assert score_table(roles_table(), submission).total == D("105")


def test_table_group_subtotals_count_penalty_role_negative():
    inner = GroupSpec("in", criteria=(criterion("A", "5", rules=(bonus("AB", "1"),)),))
    outer = GroupSpec(
        "out", groups=(inner,), criteria=(criterion("P", "3", BaseSpec(kind=BaseKind.MANUAL), role=Role.PENALTY),)
    )
    table = TableSpec(groups=(outer,))

    result = score_table(table, {"A": {"rules": {"AB": 1}}, "P": {"points": 2}})

    assert result.groups == {"in": D("6"), "out": D("4")}


def test_table_unanswered_criteria_count_as_nothing():
    result = score_table(roles_table(), {})

    assert (result.regular, result.total, result.below_minimum) == (D("0"), D("0"), ("A",))


@pytest.mark.parametrize(("typed", "below", "tier"), [("30", (), "Xuất sắc"), ("29.99", ("A",), "Khá")])
def test_table_minimum_points_keep_the_top_tier_out_of_reach(typed, below, tier):
    table = TableSpec(
        criteria=roles_table().groups[0].criteria, tiers=(Tier("Xuất sắc", D("70")), Tier("Khá", D("50")))
    )

    result = score_table(table, {"A": {"points": D(typed)}, "B": {"points": 40}, "X": {"points": 4}})

    assert result.total >= D("70")
    assert (result.below_minimum, result.tier) == (below, tier)


def test_table_minimum_points_compare_the_criterion_points_with_bonus():
    result = score_table(roles_table(), {"A": {"points": D("29.5"), "rules": {"AB": 1}}})

    assert result.below_minimum == ()


@pytest.mark.parametrize(
    ("total", "below_minimum", "expected"),
    [
        ("95", False, "Xuất sắc"),
        ("90", False, "Xuất sắc"),
        ("89.99", False, "Khá"),
        ("50", False, "Trung bình"),
        ("49.99", False, None),
        ("95", True, "Khá"),
        ("0", True, None),
    ],
)
def test_tier_for_bounds_and_minimum(total, below_minimum, expected):
    tier = tier_for(TIERS, D(total), below_minimum=below_minimum)

    assert (tier.name if tier else None) == expected


def test_tier_for_single_tier_stays_reachable_below_minimum():
    assert tier_for((Tier("Đạt", D("50")),), D("60"), below_minimum=True) == Tier("Đạt", D("50"))


def test_tier_for_without_tiers_is_none():
    assert tier_for((), D("100")) is None
    assert score_table(table_of(criterion()), {}).tier is None


def test_rank_competition_ties_share_a_rank():
    assert rank_competition([D("90"), D("95"), D("90"), D("80")]) == [2, 1, 2, 4]


def test_rank_classified_skips_the_unclassified():
    assert rank_classified([D("90"), None, D("95"), D("90"), None, D("80")]) == [2, None, 1, 2, None, 4]
    assert rank_classified([None]) == [None]


# ---- inputs ---------------------------------------------------------------------------------------------------------


def inputs_criterion():
    return criterion(
        "K",
        "10",
        BaseSpec(kind=BaseKind.LOOKUP, rows=(Span(D("0")),), columns=(Span(D("0")),), matrix=((D("10"),),)),
        rules=(deduction("K.1"), deduction("K.2", per=Per.ONCE), step("K.3"), either("K.4"), gate("K.5")),
    )


@pytest.mark.parametrize(
    ("raw", "expected"), [("0,5", "0.5"), ("0.5", "0.5"), (" 12 ", "12"), (7, "7"), (D("1.25"), "1.25")]
)
def test_inputs_numbers_from_text_int_or_decimal(raw, expected):
    assert parse_inputs(inputs_criterion(), {"value": raw}).value == D(expected)


def test_inputs_full_shape_is_parsed():
    raw = {
        "size": "1250",
        "value": D("96"),
        "rules": {"K.1": "3", "K.2": True, "K.3": "2,5", "K.4": False, "K.5": None},
    }

    parsed = parse_inputs(inputs_criterion(), raw)

    assert parsed == CriterionInputs(
        value=D("96"), size=D("1250"), rules={"K.1": 3, "K.2": True, "K.3": D("2.5"), "K.4": False}
    )


def test_inputs_dot_and_comma_are_both_decimal_marks_not_thousands_separators():
    parsed = parse_inputs(inputs_criterion(), {"size": "1.250", "value": "1,250"})

    assert (parsed.size, parsed.value) == (D("1.25"), D("1.25"))


@pytest.mark.parametrize("raw", [0.5, True, D("NaN"), D("Infinity"), "abc", "1,2,3", "1e3", [1], "NaN", "Infinity"])
def test_inputs_value_not_a_number_is_refused(raw):
    with pytest.raises(ScoringInputError, match="K: “value” must be a number."):
        parse_inputs(inputs_criterion(), {"value": raw})


@pytest.mark.parametrize("raw", [D("-1"), -3, "-0,5"])
def test_inputs_negative_value_is_refused(raw):
    with pytest.raises(ScoringInputError, match="K: “size” cannot be negative."):
        parse_inputs(inputs_criterion(), {"size": raw})


@pytest.mark.parametrize("raw", [D("2.5"), "2,5", 2.0, True, "two"])
def test_inputs_count_must_be_whole(raw):
    spec = criterion(base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=2))

    with pytest.raises(ScoringInputError, match="K: “count” must be a whole number."):
        parse_inputs(spec, {"count": raw})


@pytest.mark.parametrize(("raw", "expected"), [(3, 3), ("3", 3), (D("3.0"), 3), (0, 0)])
def test_inputs_count_whole_numbers_are_accepted(raw, expected):
    spec = criterion(base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=2))

    assert parse_inputs(spec, {"count": raw}).count == expected


def test_inputs_negative_count_is_refused():
    spec = criterion(base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=2))

    with pytest.raises(ScoringInputError, match="K: “count” cannot be negative."):
        parse_inputs(spec, {"count": -1})


def test_inputs_manual_points_above_the_standard_are_refused():
    with pytest.raises(ScoringInputError, match=r"K: points must be between 0 and 10\.") as caught:
        parse_inputs(criterion(base=BaseSpec(kind=BaseKind.MANUAL)), {"points": "10,01"})
    assert caught.value.message.template == points.POINTS_OUT_OF_RANGE
    assert caught.value.message.params == {"criterion": "K", "max_points": D("10")}


def test_inputs_relative_target_zero_is_refused():
    with pytest.raises(ScoringInputError, match="E1: the target must be greater than 0."):
        parse_inputs(relative_criterion(), {"value": 1, "target": 0})


def test_inputs_must_be_a_mapping():
    with pytest.raises(ScoringInputError, match="K: the answers must be given field by field."):
        parse_inputs(criterion(), [1, 2])


def test_inputs_unknown_key_is_refused():
    with pytest.raises(ScoringInputError, match="K: “colour” is not a known answer."):
        parse_inputs(criterion(), {"colour": 1})


@pytest.mark.parametrize("key", ["value", "size", "count", "points", "target", "parts"])
def test_inputs_key_not_taken_by_a_standard_criterion_is_refused(key):
    with pytest.raises(ScoringInputError, match=f"K: this criterion does not take “{key}”."):
        parse_inputs(criterion(), {key: 1})


def test_inputs_parts_errors():
    spec = criterion(standard="4", base=BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=(Part("a", D("4")),)))

    with pytest.raises(ScoringInputError, match="K: the parts must be answered part by part."):
        parse_inputs(spec, {"parts": [True]})
    with pytest.raises(ScoringInputError, match="K: there is no part z."):
        parse_inputs(spec, {"parts": {"z": True}})
    with pytest.raises(ScoringInputError, match="K: part a must be answered yes or no."):
        parse_inputs(spec, {"parts": {"a": 1}})
    assert parse_inputs(spec, {"parts": {"a": None}}).parts == {}


def test_inputs_rules_errors():
    spec = inputs_criterion()
    cases = [
        ({"rules": ["K.1"]}, "K: the rule lines must be answered rule by rule."),
        ({"rules": {"K.9": 1}}, "K: there is no rule K.9."),
        ({"rules": {"K.1": D("1.5")}}, "K, rule K.1: the answer must be a whole number."),
        ({"rules": {"K.1": -1}}, "K, rule K.1: the answer cannot be negative."),
        ({"rules": {"K.2": 1}}, "K, rule K.2: the answer must be yes or no."),
        ({"rules": {"K.3": "x"}}, "K, rule K.3: the answer must be a number."),
        ({"rules": {"K.3": -1}}, "K, rule K.3: the answer cannot be negative."),
        ({"rules": {"K.4": "yes"}}, "K, rule K.4: the answer must be yes or no."),
        ({"rules": {"K.5": 0}}, "K, rule K.5: the answer must be yes or no."),
    ]
    for raw, message in cases:
        with pytest.raises(ScoringInputError) as caught:
            parse_inputs(spec, raw)
        assert caught.value.message == message


def test_inputs_every_problem_of_a_criterion_at_once():
    with pytest.raises(ScoringInputErrors) as caught:
        parse_inputs(inputs_criterion(), {"value": 0.5, "size": -1, "nope": 1, "rules": {"K.1": True, "K.9": 1}})

    assert caught.value.messages == (
        "K: “nope” is not a known answer.",
        "K: “value” must be a number.",
        "K: “size” cannot be negative.",
        "K, rule K.1: the answer must be a whole number.",
        "K: there is no rule K.9.",
    )
    assert caught.value.message == caught.value.messages[0]
    assert all(message.params["criterion"] == "K" for message in caught.value.messages)


def test_inputs_none_and_parsed_inputs_pass_through():
    parsed = CriterionInputs(value=D("1"))

    assert parse_inputs(criterion(), None) == CriterionInputs()
    assert parse_inputs(inputs_criterion(), parsed) is parsed


def test_submission_errors_are_collected_across_criteria():
    table = example_table()
    submission = {"A1": {"value": "abc"}, "B3": {"count": D("2.5")}, "Z9": {}, "D2": {"parts": {"D2.a": "yes"}}}

    problems = input_errors(table, submission)

    assert problems == [
        "Z9: there is no such criterion in this table.",
        "A1: “value” must be a number.",
        "B3: “count” must be a whole number.",
        "D2: part D2.a must be answered yes or no.",
    ]
    with pytest.raises(ScoringInputErrors) as caught:
        parse_submission(table, submission)
    assert list(caught.value.messages) == problems
    with pytest.raises(ScoringInputError):
        score_table(table, submission)


def test_submission_valid_gives_inputs_for_every_criterion():
    parsed = parse_submission(example_table(), CASES["X1"]["inputs"])

    assert input_errors(example_table(), CASES["X1"]["inputs"]) == []
    assert set(parsed) == set(CASES["X1"]["expected"]["criteria"])
    assert parsed["C2"] == CriterionInputs(value=D("96"), size=D("1250"), rules={"C2.1": 3})


# ---- validation -----------------------------------------------------------------------------------------------------


def problems_of(*criteria, **kwargs):
    return validate_table(table_of(*criteria, **kwargs))


def test_validate_codes_empty_and_duplicate():
    table = TableSpec(
        groups=(
            GroupSpec("G", criteria=(criterion("A", rules=(deduction("R"), deduction(" "))), criterion("A"))),
            GroupSpec("G", criteria=(criterion(" ", rules=(deduction("R"),)),)),
            GroupSpec(""),
        )
    )

    assert validate_table(table) == [
        "G: the group code is used more than once.",
        "Group number 3 has no code.",
        "A: the criterion code is used more than once.",
        "Criterion number 3 has no code.",
        "R: the rule code is used more than once.",
        "A: rule number 2 has no code.",
    ]


def test_validate_part_codes_empty_and_duplicate_and_sum():
    parts = (Part("a", D("4")), Part("a", D("4")), Part("", D("1")))

    assert problems_of(criterion(standard="8", base=BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=parts))) == [
        "K: the part code a is used more than once.",
        "K: part number 3 has no code.",
        "K: the parts add up to 9 points but the standard is 8.",
    ]


def test_validate_part_codes_may_repeat_across_criteria():
    base = BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=(Part(LEGACY_PART, D("1")),))

    assert problems_of(criterion("A", "1", base), criterion("B", "1", base)) == []


@pytest.mark.parametrize(
    ("standard", "message"),
    [
        ("-1", "K: “standard_points” cannot be negative."),
        ("1.005", "K: “standard_points” can have at most 2 decimals."),
        ("NaN", "K: “standard_points” must be a number."),
    ],
)
def test_validate_standard_points(standard, message):
    assert problems_of(criterion(standard=standard, base=BaseSpec(kind=BaseKind.TARGET))) == [message]


@pytest.mark.parametrize("standard", ["0", "0.01", "7.3", "100.1", "33.33"])
def test_validate_any_two_decimal_standard_is_valid(standard):
    assert problems_of(criterion(standard=standard)) == []


def test_validate_criterion_caps_and_rule_amounts():
    spec = criterion(
        rules=(deduction("R", "-1", cap="0.001"),),
        deduction_cap=D("-1"),
        bonus_cap=D("0.125"),
    )

    assert problems_of(spec) == [
        "K: “deduction_cap” cannot be negative.",
        "K: “bonus_cap” can have at most 2 decimals.",
        "K, R: “points” cannot be negative.",
        "K, R: “cap” can have at most 2 decimals.",
    ]


def test_validate_bands_malformed_overlapping_and_gaps():
    spec = criterion(
        base=bands_base(
            Band(D("5"), D("2"), D("5")),
            Band(D("10"), D("3"), D("20")),
            Band(D("15"), D("4"), D("30")),
            Band(D("40"), D("11"), D("50")),
        )
    )

    assert problems_of(spec) == [
        "K: in “bands”, the range from 5 below 5 is empty.",
        "K: in “bands”, no range covers 0 to below 10.",
        "K: in “bands”, the ranges from 10 and from 15 overlap.",
        "K: in “bands”, no range covers 30 to below 40.",
        "K: in “bands”, no range covers values from 50 upward.",
        "K: 11 points is more than the standard 10.",
    ]


def test_validate_bands_open_range_followed_by_another_overlaps():
    spec = criterion(base=bands_base(Band(D("0"), D("2")), Band(D("5"), D("3"), D("6"))))

    assert problems_of(spec) == ["K: in “bands”, the ranges from 0 and from 5 overlap."]


def test_validate_bands_need_a_band_and_non_negative_bounds():
    assert problems_of(criterion(base=bands_base())) == ["K: “bands” needs at least one range."]
    assert problems_of(criterion(base=bands_base(Band(D("-1"), D("1"))))) == ["K: “from” cannot be negative."]
    assert problems_of(criterion(base=bands_base(Band(D("0"), D("1.001"))))) == [
        "K: “points” can have at most 2 decimals."
    ]


def test_validate_bands_thresholds_may_have_more_decimals():
    assert problems_of(criterion(base=bands_base(Band(D("0"), D("1"), D("0.125")), Band(D("0.125"), D("2"))))) == []


def test_validate_lookup_shape_ranges_and_points():
    base = BaseSpec(
        kind=BaseKind.LOOKUP,
        rows=(Span(D("0"), D("10")), Span(D("10"))),
        columns=(Span(D("5")),),
        matrix=((D("12"),), (D("1"), D("2"))),
    )

    assert problems_of(criterion(base=base)) == [
        "K: in “columns”, no range covers 0 to below 5.",
        "K: the points table must have 2 rows of 1 points.",
        "K: 12 points is more than the standard 10.",
    ]


def test_validate_lookup_needs_rows_and_columns():
    assert problems_of(criterion(base=BaseSpec(kind=BaseKind.LOOKUP))) == [
        "K: “rows” needs at least one range.",
        "K: “columns” needs at least one range.",
    ]


@pytest.mark.parametrize("target", [None, D("0"), D("-5")])
def test_validate_target_must_be_positive(target):
    assert problems_of(criterion(base=BaseSpec(kind=BaseKind.TARGET, target=target))) == [
        "K: a target criterion needs a target greater than 0."
    ]


@pytest.mark.parametrize("minimum", [None, 0, -1])
def test_validate_count_minimum_at_least_one(minimum):
    assert problems_of(criterion(base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=minimum))) == [
        "K: a count criterion needs a required minimum of at least 1."
    ]


def test_validate_relative_needs_a_scope():
    spec = criterion(base=BaseSpec(kind=BaseKind.RELATIVE_TO_LEADER))

    assert problems_of(spec) == ["K: choose whether the leader is the bloc's or the campaign's."]


def test_validate_rule_shapes():
    rules = (
        RuleSpec("R1", RuleKind.DEDUCTION),
        RuleSpec("R2", RuleKind.EITHER, bonus=D("1")),
        RuleSpec("R3", RuleKind.STEP_BONUS, points=D("1"), step=D("0")),
        RuleSpec("R4", RuleKind.STEP_BONUS, points=D("1"), above=D("1"), step=D("-1")),
        RuleSpec("R5", RuleKind.DEDUCTION, per=Per.ONCE, points=D("1"), only_without_deductions=True),
        RuleSpec("R6", RuleKind.GATE, only_without_deductions=True),
    )

    assert problems_of(criterion(rules=rules)) == [
        "K, R1: the rule needs points.",
        "K, R1: choose per occurrence or once.",
        "K, R2: a yes/no rule needs both a bonus and a deduction.",
        "K, R3: a step bonus needs the value it counts above.",
        "K, R3: the step must be greater than 0.",
        "K, R4: the step must be greater than 0.",
        "K, R5: only a bonus can depend on there being no deductions.",
        "K, R6: only a bonus can depend on there being no deductions.",
    ]


def test_validate_only_without_deductions_is_fine_on_bonuses():
    rules = (
        bonus("B", only_without_deductions=True),
        RuleSpec("S", RuleKind.STEP_BONUS, points=D("1"), above=D("0"), step=D("1"), only_without_deductions=True),
        RuleSpec("E", RuleKind.EITHER, bonus=D("1"), deduction=D("1"), only_without_deductions=True),
    )

    assert problems_of(criterion(rules=rules)) == []


def test_validate_group_max_points_against_its_criteria():
    inner = GroupSpec("A", max_points=D("5"), criteria=(criterion("A1", "4"),))
    outer = GroupSpec("I", max_points=D("10"), groups=(inner,), criteria=(criterion("B1", "6"),))
    bonus_only = GroupSpec("X", max_points=D("0"), criteria=(criterion("X1", "3", role=Role.BONUS),))

    assert validate_table(TableSpec(groups=(outer, bonus_only))) == [
        "A: the group declares 5 points but its criteria add up to 4."
    ]


def test_validate_group_max_points_mismatch_on_the_parent():
    inner = GroupSpec("A", criteria=(criterion("A1", "4"),))
    outer = GroupSpec("I", max_points=D("10.5"), groups=(inner,), criteria=(criterion("B1", "6"),))

    assert validate_table(TableSpec(groups=(outer,))) == [
        "I: the group declares 10.5 points but its criteria add up to 10."
    ]


def test_validate_declared_total_and_table_caps():
    table = table_of(
        criterion("A", "60"),
        criterion("X", "5", role=Role.BONUS),
        declared_total=D("100"),
        bonus_cap=D("-1"),
        penalty_cap=D("0.001"),
    )

    assert validate_table(table) == [
        "table: “bonus_cap” cannot be negative.",
        "table: “penalty_cap” can have at most 2 decimals.",
        "The criteria add up to 60 points but the table declares 100.",
    ]


def test_validate_tiers():
    tiers = (Tier("Tốt", D("80")), Tier(" ", D("85")), Tier("tốt", D("50")), Tier("Yếu", D("-1")))

    assert validate_table(table_of(criterion(), tiers=tiers)) == [
        "Tier number 2 has no name.",
        "The tier “tốt” appears more than once.",
        "Yếu: “from” cannot be negative.",
        "“” must have a lower bound below that of “Tốt”.",
    ]


def test_validate_tiers_need_not_end_at_zero():
    assert validate_table(table_of(criterion(), tiers=TIERS)) == []


@pytest.mark.parametrize(
    ("minimum", "role", "message"),
    [
        ("10.5", Role.REGULAR, "K: the minimum points must be between 0 and 10."),
        ("-1", Role.REGULAR, "K: the minimum points must be between 0 and 10."),
        ("1.001", Role.REGULAR, "K: “minimum_points” can have at most 2 decimals."),
        ("1", Role.BONUS, "K: only regular criteria can have minimum points."),
        ("1", Role.PENALTY, "K: only regular criteria can have minimum points."),
    ],
)
def test_validate_minimum_points(minimum, role, message):
    assert problems_of(criterion(minimum_points=D(minimum), role=role)) == [message]


def test_validate_reports_every_problem_at_once_as_messages():
    table = table_of(
        criterion("A", "1.001"),
        criterion("T", base=BaseSpec(kind=BaseKind.TARGET)),
        criterion("A", rules=(RuleSpec("R", RuleKind.EITHER),)),
        declared_total=D("5"),
    )

    problems = validate_table(table)

    assert problems == [
        "A: the criterion code is used more than once.",
        "A: “standard_points” can have at most 2 decimals.",
        "T: a target criterion needs a target greater than 0.",
        "A, R: a yes/no rule needs both a bonus and a deduction.",
        "The criteria add up to 21.001 points but the table declares 5.",
    ]
    assert all(isinstance(problem, Message) for problem in problems)
    assert problems[-1].template == points.TOTAL_MISMATCH
    assert problems[-1].params == {"actual": D("21.001"), "declared": D("5")}


# ---- describing rules -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (deduction(points_="0.5"), "Each occurrence: −0.5 points"),
        (deduction(points_="0.2", cap="1"), "Each occurrence: −0.2 points (at most 1)"),
        (bonus(points_="1"), "Each occurrence: +1 points"),
        (bonus(points_="0.7", cap="1.4"), "Each occurrence: +0.7 points (at most 1.4)"),
        (deduction(points_="1.5", per=Per.ONCE), "Once: −1.5 points"),
        (deduction(points_="3", per=Per.ONCE, cap="2"), "Once: −3 points (at most 2)"),
        (bonus(points_="2", per=Per.ONCE), "Once: +2 points"),
        (bonus(points_="2", per=Per.ONCE, cap="1"), "Once: +2 points (at most 1)"),
        (either(), "Yes: +0.5; no: −0.5"),
        (either(cap="0.25"), "Yes: +0.5; no: −0.5 (at most 0.25)"),
        (step(cap="0.5"), "Each full 1 above 80: +0.1 (at most 0.5)"),
        (step(), "Each full 1 above 80: +0.1"),
        (gate(), "If yes: not classified"),
        (
            bonus(points_="0.5", cap="1", only_without_deductions=True),
            "Each occurrence: +0.5 points (at most 1), only when nothing is deducted",
        ),
    ],
)
def test_describe_rule(rule, expected):
    assert describe_rule(rule) == expected


def test_describe_rule_keeps_decimal_params_for_number_format():
    message = describe_rule(deduction(points_="0.2", cap="1.5"))

    assert message.params == {"points": D("0.2"), "cap": D("1.5")}
    assert (
        message.translate(str, lambda number: str(number).replace(".", ","))
        == "Each occurrence: −0,2 points (at most 1,5)"
    )
    assert (
        message.translate(lambda text: text.replace("Each occurrence", "Mỗi lần"))
        == "Mỗi lần: −0.2 points (at most 1.5)"
    )


def test_describe_rule_nested_message_is_translated_too():
    message = describe_rule(bonus(points_="0.5", only_without_deductions=True))

    translated = message.translate(lambda text: text.replace(" points", " điểm"), lambda number: f"<{number}>")

    assert translated == "Each occurrence: +<0.5> điểm, only when nothing is deducted"


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        (BaseSpec(), "Starts at 10 points; only deviations are entered"),
        (BaseSpec(kind=BaseKind.YES_NO_PARTS, parts=(Part("a", D("10")),)), "1 yes/no parts worth 10 points in all"),
        (bands_base(Band(D("0"), D("10"))), "Points by band of the value entered, at most 10"),
        (BaseSpec(kind=BaseKind.TARGET, target=D("80")), "10 points × value / 80, at most 10"),
        (BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=4), "10 points × count / 4, at most 10"),
        (
            BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=4, partial=False),
            "10 points when the count reaches 4, otherwise 0",
        ),
        (lookup_base(), "Points from a table by size and value, at most 10"),
        (BaseSpec(kind=BaseKind.MANUAL), "Points entered between 0 and 10"),
        (
            BaseSpec(kind=BaseKind.RELATIVE_TO_LEADER, scope=Scope.BLOC),
            "Against the bloc: 5 points at the target, in proportion below it; 10 points for the largest share "
            "above the target, the others in proportion",
        ),
        (
            BaseSpec(kind=BaseKind.RELATIVE_TO_LEADER, scope=Scope.CAMPAIGN),
            "Against the campaign: 5 points at the target, in proportion below it; 10 points for the largest share "
            "above the target, the others in proportion",
        ),
    ],
)
def test_describe_base(base, expected):
    assert describe_base(criterion(base=base)) == expected


def test_describe_band():
    assert describe_band(Band(D("95"), D("6.5"), D("98"))) == "From 95 to below 98: 6.5 points"
    assert describe_band(Band(D("98"), D("8"))) == "From 98: 8 points"


# ---- serialisation --------------------------------------------------------------------------------------------------


def test_serialisation_amounts_dump_as_int_or_exact_string():
    dumped = rule_to_dict(deduction("R", "0.20", cap="1.0"))

    assert dumped == {"code": "R", "kind": "deduction", "per": "occurrence", "points": "0.20", "cap": 1}
    assert json.loads(json.dumps(dumped)) == dumped


@pytest.mark.parametrize(
    "rule",
    [
        deduction("R", "0.2", cap="1"),
        bonus("R", "0.5", per=Per.ONCE, only_without_deductions=True),
        either(cap="2"),
        step(cap="0.5"),
        gate(),
        RuleSpec("R", RuleKind.BONUS, text="Mỗi lần", input_label="Số lần", per=Per.OCCURRENCE, points=D("0.01")),
    ],
)
def test_serialisation_rule_round_trip(rule):
    assert rule_from_dict(json.loads(json.dumps(rule_to_dict(rule)))) == rule


def test_serialisation_criterion_round_trip_with_legacy_keys():
    spec = criterion(
        base=BaseSpec(kind=BaseKind.COUNT_MINIMUM, minimum=3, partial=False, input_label="Số lớp"),
        role=Role.PENALTY,
        deduction_cap=D("2"),
        bonus_cap=D("0"),
        evidence_required=True,
        notes="ghi chú",
    )

    dumped = criterion_to_dict(spec)

    assert criterion_from_dict(json.loads(json.dumps(dumped))) == spec
    assert dumped["role"] == "penalty"
    assert dumped["evidence_required"] is True
    assert dumped["base"]["partial"] is False


def test_serialisation_table_with_flat_criteria_and_penalty_cap():
    table = legacy_table(
        (
            legacy_criterion("A", D("60"), "manual", minimum_points=D("30")),
            legacy_criterion("P", D("5"), "boolean", "penalty"),
        ),
        declared_total=D("60"),
        penalty_cap=D("4"),
        tiers=TIERS,
    )

    dumped = table_to_dict(table)

    assert table_from_dict(json.loads(json.dumps(dumped))) == table
    assert dumped["penalty_cap"] == 4
    assert dumped["criteria"][0]["minimum_points"] == 30


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"groups": [{"code": "G", "max_points": 1.5}]}, "must be a number"),
        ({"colour": "red"}, "unknown keys"),
        ({"groups": [{"code": "G", "criteria": [{"code": "A", "text": ""}]}]}, "standard_points” is required"),
        ({"criteria": [{"code": "A", "standard_points": 1, "base": {"kind": "magic"}}]}, "cannot be 'magic'"),
        ({"criteria": [{"code": "A", "standard_points": 1, "base": {}}]}, "“kind” is required"),
        (
            {"criteria": [{"code": "A", "standard_points": 1, "base": {"kind": "count_minimum", "minimum": "2.5"}}]},
            "whole",
        ),
        ({"criteria": [{"code": "A", "standard_points": 1, "evidence_required": "yes"}]}, "true or false"),
        ({"criteria": [{"code": 5, "standard_points": 1}]}, "must be text"),
        ({"criteria": {"code": "A"}}, "must be a list"),
        ({"tiers": ["Tốt"]}, "expected an object"),
        ({"criteria": [{"code": "A", "standard_points": 1, "base": {"kind": "lookup", "points": [1]}}]}, "rows"),
        (
            {
                "criteria": [
                    {"code": "A", "standard_points": 1, "base": {"kind": "lookup", "rows": [{"from": 0, "points": 1}]}}
                ]
            },
            "no points",
        ),
    ],
)
def test_serialisation_refuses_malformed_data(data, match):
    with pytest.raises(TableFormatError, match=match):
        table_from_dict(data)


def test_serialisation_reads_amounts_from_text_with_a_decimal_comma():
    table = table_from_dict({"bonus_cap": "1,5", "criteria": [{"code": "A", "standard_points": "2.25"}]})

    assert (table.bonus_cap, table.criteria[0].standard_points) == (D("1.5"), D("2.25"))


# ---- legacy ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "value", "expected"),
    [
        ("manual", D("3"), {"points": D("3")}),
        ("target", D("80"), {"value": D("80")}),
        ("boolean", True, {"parts": {LEGACY_PART: True}}),
        ("boolean", False, {"parts": {LEGACY_PART: False}}),
        ("boolean", 1, {"parts": {LEGACY_PART: True}}),
        ("boolean", 0, {"parts": {LEGACY_PART: False}}),
        ("boolean", 2, {"parts": {LEGACY_PART: 2}}),
        ("count", 4, {"count": 4}),
    ],
)
def test_legacy_inputs(method, value, expected):
    assert legacy_inputs(method, value) == expected


def test_legacy_inputs_boolean_other_values_are_refused_by_parsing():
    spec = legacy_criterion("B", D("5"), "boolean")

    with pytest.raises(ScoringInputError, match="B: part yes must be answered yes or no."):
        parse_inputs(spec, legacy_inputs("boolean", "yes"))


def test_legacy_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown legacy method"):
        legacy_criterion("A", D("1"), "magic")
    with pytest.raises(ValueError, match="Unknown legacy method"):
        legacy_inputs("magic", 1)


def test_legacy_criterion_maps_every_method():
    assert legacy_criterion("M", D("5"), "manual").base == BaseSpec(kind=BaseKind.MANUAL)
    assert legacy_criterion("T", D("5"), "target", target_value=D("80")).base == BaseSpec(
        kind=BaseKind.TARGET, target=D("80")
    )
    assert legacy_criterion("B", D("5"), "boolean", "bonus").base.parts == (Part(LEGACY_PART, D("5")),)
    assert legacy_criterion("B", D("5"), "boolean", "bonus").role is Role.BONUS
    count = legacy_criterion("C", D("5"), "count", count_minimum=2, evidence_required=True)
    assert (count.base.minimum, count.base.partial, count.evidence_required) == (2, False, True)


@pytest.mark.parametrize(
    ("method", "kwargs", "value", "expected"),
    [
        ("manual", {}, D("2.345"), "2.35"),
        ("target", {"target_value": D("8")}, D("1"), "0.63"),
        ("target", {"target_value": D("3")}, D("2"), "3.33"),
        ("boolean", {}, True, "5"),
        ("boolean", {}, 0, "0"),
        ("count", {"count_minimum": 3}, 2, "0"),
        ("count", {"count_minimum": 3, "count_partial": True}, 2, "3.33"),
        ("count", {"count_minimum": 3}, 3, "5"),
    ],
)
def test_legacy_points_match_the_old_engine(method, kwargs, value, expected):
    from tests.campaigns import legacy_scoring_rules as scoring_rules

    old = scoring_rules.CriterionRule(code="L", max_points=D("5"), method=method, **kwargs)
    new = legacy_criterion("L", D("5"), method, **kwargs)

    points_ = score_criterion(new, legacy_inputs(method, value)).points

    assert points_ == scoring_rules.points_for(old, bool(value) if method == "boolean" else value)
    assert points_ == D(expected)
