"""Properties of the scoring engine over random valid tables and answers (hypothesis, derandomised).

Includes the equivalence with the legacy engine (tests/campaigns/legacy_scoring_rules.py) that campaigns.points
replaced.
"""

import json
import math
from decimal import Decimal as D
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.points import (
    Band,
    BaseKind,
    BaseSpec,
    CriterionSpec,
    GroupSpec,
    Part,
    Per,
    Role,
    RuleKind,
    RuleSpec,
    Scope,
    Span,
    TableSpec,
    Tier,
    iter_criteria,
    legacy_criterion,
    legacy_inputs,
    legacy_table,
    parse_submission,
    provisional_relative_points,
    rank_classified,
    rank_competition,
    relative_points,
    round_points,
    score_table,
    table_from_dict,
    table_to_dict,
    validate_table,
)
from tests.campaigns import legacy_scoring_rules as legacy

SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def cents(n):
    return D(n) / 100


def amounts(low=0, high=2000):
    return st.integers(low, high).map(cents)


def optional(strategy):
    return st.none() | strategy


# ---- random valid tables --------------------------------------------------------------------------------------------


@st.composite
def ranges(draw, make):
    """Ranges covering [0, ∞) without gaps or overlaps, in a random order; ``make(lower, below)`` builds one."""
    cuts = sorted(draw(st.sets(st.integers(1, 3000), max_size=3)))
    bounds = [D(0), *(D(cut) / 10 for cut in cuts)]
    spans = [make(lower, below) for lower, below in zip(bounds, [*bounds[1:], None], strict=True)]
    return tuple(draw(st.permutations(spans)))


@st.composite
def bases(draw, standard_cents):
    kind = draw(st.sampled_from(BaseKind))
    points = st.integers(0, standard_cents).map(cents)
    label = st.sampled_from(["", "Tỷ lệ (%)", "Số lần"])
    if kind is BaseKind.YES_NO_PARTS:
        cuts = sorted(draw(st.lists(st.integers(0, standard_cents), max_size=3)))
        bounds = [0, *cuts, standard_cents]
        parts = tuple(
            Part(f"p{i}", cents(high - low), "phần")
            for i, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False))
        )
        return BaseSpec(kind=kind, parts=parts)
    if kind is BaseKind.BANDS:
        bands = draw(ranges(lambda lower, below: Band(lower, draw(points), below)))
        return BaseSpec(kind=kind, bands=bands, input_label=draw(label))
    if kind is BaseKind.TARGET:
        return BaseSpec(kind=kind, target=draw(amounts(1, 20000)), input_label=draw(label))
    if kind is BaseKind.COUNT_MINIMUM:
        return BaseSpec(kind=kind, minimum=draw(st.integers(1, 10)), partial=draw(st.booleans()))
    if kind is BaseKind.LOOKUP:
        rows = draw(ranges(lambda lower, below: Span(lower, below, "dòng")))
        columns = draw(ranges(lambda lower, below: Span(lower, below)))
        matrix = tuple(tuple(draw(points) for _ in columns) for _ in rows)
        return BaseSpec(kind=kind, rows=rows, columns=columns, matrix=matrix, size_label=draw(label))
    if kind is BaseKind.RELATIVE_TO_LEADER:
        return BaseSpec(kind=kind, scope=draw(st.sampled_from(Scope)), target_label=draw(label))
    return BaseSpec(kind=kind)


@st.composite
def rules(draw, code):
    kind = draw(st.sampled_from(RuleKind))
    cap = draw(optional(amounts(0, 500)))
    only = kind is not RuleKind.DEDUCTION and kind is not RuleKind.GATE and draw(st.booleans())
    if kind in (RuleKind.DEDUCTION, RuleKind.BONUS):
        per = draw(st.sampled_from(Per))
        return RuleSpec(
            code, kind, "dòng", per=per, points=draw(amounts(1, 500)), cap=cap, only_without_deductions=only
        )
    if kind is RuleKind.EITHER:
        return RuleSpec(code, kind, bonus=draw(amounts(0, 300)), deduction=draw(amounts(0, 300)), cap=cap)
    if kind is RuleKind.STEP_BONUS:
        above, step = (
            draw(st.integers(0, 1000).map(lambda n: D(n) / 10)),
            draw(st.integers(1, 50).map(lambda n: D(n) / 10)),
        )
        return RuleSpec(
            code, kind, points=draw(amounts(1, 100)), above=above, step=step, cap=cap, only_without_deductions=only
        )
    return RuleSpec(code, kind, "cổng")


@st.composite
def criteria(draw, code):
    standard_cents = draw(st.integers(0, 3000))
    standard = cents(standard_cents)
    role = draw(st.sampled_from([Role.REGULAR] * 4 + [Role.BONUS, Role.PENALTY]))
    minimum = st.integers(0, standard_cents).map(cents)
    return CriterionSpec(
        code=code,
        text=draw(st.sampled_from(["", "Tiêu chí"])),
        standard_points=standard,
        base=draw(bases(standard_cents)),
        rules=tuple(draw(rules(f"{code}.{index}")) for index in range(draw(st.integers(0, 3)))),
        role=role,
        deduction_cap=draw(optional(amounts(0, 800))),
        bonus_cap=draw(optional(amounts(0, 800))),
        minimum_points=draw(optional(minimum)) if role is Role.REGULAR else None,
        evidence_required=draw(st.booleans()),
        notes=draw(st.sampled_from(["", "ghi chú"])),
    )


def regular_sum(specs):
    return sum((spec.standard_points for spec in specs if spec.role is Role.REGULAR), D(0))


def build_groups(draw, specs, depth, prefix):
    """Split ``specs`` (in order) into groups, some nesting subgroups, with declared maxima or not."""
    groups = []
    start = 0
    while start < len(specs):
        size = draw(st.integers(1, len(specs) - start))
        chunk, start = specs[start : start + size], start + size
        code = f"{prefix}{len(groups) + 1}"
        split = draw(st.integers(0, len(chunk))) if depth < 2 and draw(st.booleans()) else len(chunk)
        children = build_groups(draw, chunk[split:], depth + 1, f"{code}.")
        max_points = regular_sum(chunk) if draw(st.booleans()) else None
        groups.append(GroupSpec(code, f"Nhóm {code}", max_points, tuple(children), tuple(chunk[:split])))
    return groups


@st.composite
def tables(draw):
    specs = [draw(criteria(f"C{index}")) for index in range(draw(st.integers(1, 6)))]
    flat = draw(st.integers(0, len(specs)))
    bounds = sorted(draw(st.sets(st.integers(0, 12000), max_size=4)), reverse=True)
    return TableSpec(
        groups=tuple(build_groups(draw, specs[flat:], 0, "G")),
        criteria=tuple(specs[:flat]),
        tiers=tuple(Tier(f"Loại {index}", cents(bound)) for index, bound in enumerate(bounds)),
        bonus_cap=draw(optional(amounts(0, 1000))),
        penalty_cap=draw(optional(amounts(0, 1000))),
        declared_total=regular_sum(specs) if draw(st.booleans()) else None,
        title=draw(st.sampled_from(["", "Bảng điểm"])),
    )


# ---- random valid answers -------------------------------------------------------------------------------------------

VALUES = optional(st.integers(0, 30000).map(cents) | st.integers(0, 300))


@st.composite
def rule_answers(draw, spec):
    answers = {}
    for rule in spec.rules:
        if rule.kind is RuleKind.STEP_BONUS:
            strategy = VALUES
        elif rule.kind in (RuleKind.DEDUCTION, RuleKind.BONUS) and rule.per is Per.OCCURRENCE:
            strategy = optional(st.integers(0, 12))
        else:
            strategy = optional(st.booleans())
        if draw(st.booleans()):
            answers[rule.code] = draw(strategy)
    return answers


def edges(spans):
    """Values on the edges of ranges (where an off-by-one would show), or any value."""
    bounds = sorted({bound for span in spans for bound in (span.lower, span.below) if bound is not None})
    return st.one_of(st.sampled_from(bounds), st.sampled_from(bounds), VALUES) if bounds else VALUES


@st.composite
def answers(draw, spec):
    kind, raw = spec.base.kind, {}
    base = spec.base
    if kind in (BaseKind.BANDS, BaseKind.TARGET, BaseKind.LOOKUP, BaseKind.RELATIVE_TO_LEADER) or any(
        rule.kind is RuleKind.STEP_BONUS for rule in spec.rules
    ):
        targets = [Span(base.target)] if base.target is not None else []
        steps = [Span(rule.above, rule.above + rule.step) for rule in spec.rules if rule.kind is RuleKind.STEP_BONUS]
        raw["value"] = draw(edges([*base.bands, *base.columns, *targets, *steps]))
    if kind is BaseKind.LOOKUP:
        raw["size"] = draw(edges(base.rows))
    if kind is BaseKind.RELATIVE_TO_LEADER:
        raw["target"] = draw(optional(amounts(1, 20000)))
    if kind is BaseKind.COUNT_MINIMUM:
        raw["count"] = draw(optional(st.integers(0, 15)))
    if kind is BaseKind.MANUAL:
        raw["points"] = draw(optional(st.integers(0, int(spec.standard_points * 1000)).map(lambda n: D(n) / 1000)))
    if kind is BaseKind.YES_NO_PARTS:
        raw["parts"] = {part.code: draw(st.booleans()) for part in spec.base.parts if draw(st.booleans())}
    raw["rules"] = draw(rule_answers(spec))
    return {key: value for key, value in raw.items() if value is not None or draw(st.booleans())}


@st.composite
def scored(draw):
    table = draw(tables())
    submission = {spec.code: draw(answers(spec)) for spec in iter_criteria(table)}
    return table, submission


# ---- an independent reference for the arithmetic -------------------------------------------------------------------


def exact(fraction):
    """Round an exact fraction half up to 0.01 (independently of Decimal's context)."""
    hundredths = fraction * 100
    whole = math.floor(hundredths)
    return D(whole + (1 if hundredths - whole >= Fraction(1, 2) else 0)) / 100


def within(value, lower, below):
    return lower <= value and (below is None or value < below)


def reference_base(spec, raw):
    base, standard = spec.base, Fraction(spec.standard_points)
    value = None if raw.get("value") is None else Fraction(raw["value"])
    match base.kind:
        case BaseKind.STANDARD:
            return standard
        case BaseKind.YES_NO_PARTS:
            return sum(
                (Fraction(part.points) for part in base.parts if raw.get("parts", {}).get(part.code)), Fraction(0)
            )
        case BaseKind.BANDS:
            found = [band.points for band in base.bands if value is not None and within(value, band.lower, band.below)]
            return Fraction(found[0]) if found else Fraction(0)
        case BaseKind.TARGET:
            return Fraction(0) if value is None else standard * min(Fraction(1), value / Fraction(base.target))
        case BaseKind.COUNT_MINIMUM:
            count = raw.get("count") or 0
            if base.partial:
                return standard * min(Fraction(1), Fraction(count, base.minimum))
            return standard if count >= base.minimum else Fraction(0)
        case BaseKind.LOOKUP:
            size = raw.get("size")
            rows = [i for i, row in enumerate(base.rows) if size is not None and within(size, row.lower, row.below)]
            cols = [
                j for j, col in enumerate(base.columns) if value is not None and within(value, col.lower, col.below)
            ]
            return Fraction(base.matrix[rows[0]][cols[0]]) if rows and cols else Fraction(0)
        case BaseKind.MANUAL:
            return Fraction(raw.get("points") or 0)
    target = raw.get("target")
    if value is None or target is None:
        return Fraction(0)
    return standard / 2 * min(Fraction(1), value / Fraction(target))


def reference_rule(rule, raw):
    """(deduction, bonus) of a rule line, own cap applied."""
    answer = raw.get("rules", {}).get(rule.code)
    amount, is_bonus = D(0), rule.kind in (RuleKind.BONUS, RuleKind.STEP_BONUS)
    if rule.kind in (RuleKind.DEDUCTION, RuleKind.BONUS):
        amount = rule.points * (answer or 0) if rule.per is Per.OCCURRENCE else (rule.points if answer is True else 0)
    elif rule.kind is RuleKind.EITHER and answer is not None:
        amount, is_bonus = (rule.bonus, True) if answer else (rule.deduction, False)
    elif rule.kind is RuleKind.STEP_BONUS:
        value = answer if answer is not None else raw.get("value")
        if value is not None and value > rule.above:
            amount = rule.points * math.floor(Fraction(value - rule.above) / Fraction(rule.step))
    amount = D(amount) if rule.cap is None else min(D(amount), rule.cap)
    return (D(0), amount) if is_bonus else (amount, D(0))


def capped(amount, cap):
    return amount if cap is None else min(amount, cap)


def reference_criterion(spec, raw):
    """(deduction, bonus, net) computed from the semantics text of the example."""
    lines = [(rule, reference_rule(rule, raw)) for rule in spec.rules if rule.kind is not RuleKind.GATE]
    deduction = capped(sum((d for _, (d, _) in lines), D(0)), spec.deduction_cap)
    bonus = sum((b for rule, (_, b) in lines if not (rule.only_without_deductions and deduction > 0)), D(0))
    bonus = capped(bonus, spec.bonus_cap)
    net = exact(max(Fraction(0), reference_base(spec, raw) - Fraction(deduction)))
    return deduction, bonus, net


def reference_tier(tiers, total, below_minimum, gated):
    if gated:
        return None
    candidates = tiers[1:] if below_minimum and len(tiers) > 1 else tiers
    return next((tier.name for tier in candidates if total >= tier.lower), None)


def reference_subtotal(group, results):
    own = sum(
        (-results[c.code].points if c.role is Role.PENALTY else results[c.code].points for c in group.criteria), D(0)
    )
    return own + sum((reference_subtotal(child, results) for child in group.groups), D(0))


# ---- properties -----------------------------------------------------------------------------------------------------


@SETTINGS
@given(tables())
def test_generated_tables_are_valid(table):
    assert validate_table(table) == []


@SETTINGS
@given(tables())
def test_dict_round_trip_is_identity(table):
    dumped = table_to_dict(table)
    as_json = json.loads(json.dumps(dumped))

    assert table_from_dict(as_json) == table
    assert table_to_dict(table_from_dict(as_json)) == as_json == dumped


@SETTINGS
@given(scored())
def test_criterion_points_are_bounded_and_follow_the_semantics(setup):
    table, submission = setup

    result = score_table(table, submission)

    for spec in iter_criteria(table):
        got, raw = result.criteria[spec.code], submission[spec.code]
        assert got.points >= 0
        assert 0 <= got.net <= got.base <= spec.standard_points
        assert got.deduction == capped(got.deduction, spec.deduction_cap)
        assert got.bonus == capped(got.bonus, spec.bonus_cap)
        for rule in spec.rules:
            if rule.cap is not None and rule.code in got.contributions:
                assert abs(got.contributions[rule.code]) <= rule.cap
        assert (got.deduction, got.bonus, got.net) == reference_criterion(spec, raw)
        assert got.net == max(D(0), got.base - got.deduction)
        assert got.points == got.net + got.bonus
        if spec.base.kind is not BaseKind.RELATIVE_TO_LEADER:
            assert got.base == exact(reference_base(spec, raw))
        assert got.gate_codes == tuple(
            rule.code for rule in spec.rules if rule.kind is RuleKind.GATE and raw.get("rules", {}).get(rule.code)
        )


@SETTINGS
@given(scored())
def test_table_total_follows_the_formula(setup):
    table, submission = setup

    result = score_table(table, submission)

    by_role = {role: [r for r in result.criteria.values() if r.role is role] for role in Role}
    regular = sum((r.net for r in by_role[Role.REGULAR]), D(0))
    bonus = sum((r.bonus for r in by_role[Role.REGULAR]), D(0)) + sum((r.points for r in by_role[Role.BONUS]), D(0))
    penalty = sum((r.points for r in by_role[Role.PENALTY]), D(0))
    total = max(D(0), regular + capped(bonus, table.bonus_cap) - capped(penalty, table.penalty_cap))
    below = tuple(
        spec.code
        for spec in iter_criteria(table)
        if spec.minimum_points is not None and result.criteria[spec.code].points < spec.minimum_points
    )
    assert (result.regular, result.bonus_before_cap, result.penalty_before_cap) == (regular, bonus, penalty)
    assert result.total == total
    assert result.below_minimum == below
    assert result.gated == any(r.gated for r in result.criteria.values()) == (not result.classified)
    assert result.tier == reference_tier(table.tiers, total, bool(below), result.gated)
    for group in (group for top in table.groups for group in _walk(top)):
        assert result.groups[group.code] == reference_subtotal(group, result.criteria)
    assert result.provisional == any(spec.base.kind is BaseKind.RELATIVE_TO_LEADER for spec in iter_criteria(table))


def _walk(group):
    yield group
    for child in group.groups:
        yield from _walk(child)


def as_text(value):
    """A number as a Vietnamese would type it: a decimal comma."""
    return str(value).replace(".", ",") if isinstance(value, D) else value


@SETTINGS
@given(scored())
def test_numbers_typed_as_text_parse_to_the_same_inputs(setup):
    table, submission = setup
    typed = {
        code: {
            key: ({rule: as_text(answer) for rule, answer in value.items()} if key == "rules" else as_text(value))
            for key, value in raw.items()
        }
        for code, raw in submission.items()
    }

    assert parse_submission(table, typed) == parse_submission(table, submission)


# ---- relative to the leader and ranking -----------------------------------------------------------------------------

ENTRIES = st.dictionaries(
    st.integers(0, 20), st.tuples(st.integers(0, 50000).map(cents), st.integers(1, 20000).map(cents)), max_size=8
)


@SETTINGS
@given(amounts(0, 3000), ENTRIES)
def test_relative_points_leader_gets_the_standard_others_in_order(standard, entries):
    figures = relative_points(standard, entries)

    shares = {key: Fraction(value - target) / Fraction(target) for key, (value, target) in entries.items()}
    half = standard / 2
    for key, (value, target) in entries.items():
        assert 0 <= figures[key] <= standard
        assert (figures[key] >= half) == (value >= target) or standard == 0
        assert provisional_relative_points(standard, value, target) <= figures[key]
        if shares[key] > 0 and shares[key] == max(shares.values()):
            assert figures[key] == standard
    for first in entries:
        for second in entries:
            if shares[first] >= shares[second] and entries[first][1] == entries[second][1]:
                assert figures[first] >= figures[second]


@SETTINGS
@given(st.lists(optional(st.integers(0, 100).map(D)), max_size=12))
def test_rank_classified_ranks_only_the_classified(values):
    ranks = rank_classified(values)

    classified = [value for value in values if value is not None]
    assert [rank for rank in ranks if rank is not None] == rank_competition(classified)
    assert [rank is None for rank in ranks] == [value is None for value in values]
    for value, rank in zip(values, ranks, strict=True):
        if value is not None:
            assert rank == 1 + sum(1 for other in classified if other > value)


# ---- equivalence with the legacy engine -----------------------------------------------------------------------------

QUARTERS = st.integers(1, 80).map(lambda n: D(n) / 4)


@st.composite
def legacy_criteria(draw, code, regular=False):
    """(old CriterionRule, old answer or None, the same answer for the new engine)."""
    method = draw(st.sampled_from(legacy.Method))
    kinds = [legacy.Kind.REGULAR] if regular else [legacy.Kind.REGULAR] * 3 + [legacy.Kind.BONUS, legacy.Kind.PENALTY]
    kind = draw(st.sampled_from(kinds))
    max_points = draw(QUARTERS)
    minimum = st.integers(0, int(max_points * 100)).map(cents)
    rule = legacy.CriterionRule(
        code=code,
        max_points=max_points,
        method=method,
        kind=kind,
        target_value=draw(amounts(1, 20000)) if method is legacy.Method.TARGET else None,
        count_minimum=draw(st.integers(1, 10)) if method is legacy.Method.COUNT else None,
        count_partial=draw(st.booleans()),
        minimum_points=draw(optional(minimum)) if kind is legacy.Kind.REGULAR else None,
        evidence_required=draw(st.booleans()),
    )
    values = {
        legacy.Method.MANUAL: st.integers(0, int(max_points * 1000)).map(lambda n: D(n) / 1000),
        legacy.Method.TARGET: st.integers(0, 30000).map(cents) | st.integers(0, 300),
        legacy.Method.BOOLEAN: st.booleans(),
        legacy.Method.COUNT: st.integers(0, 15),
    }
    old = draw(optional(values[method]))
    new = int(old) if method is legacy.Method.BOOLEAN and old is not None and draw(st.booleans()) else old
    return rule, old, new


@st.composite
def legacy_setups(draw):
    rows = [draw(legacy_criteria(f"TC{index}", index == 0)) for index in range(draw(st.integers(1, 8)))]
    rules_ = tuple(rule for rule, _, _ in rows)
    declared = sum((rule.max_points for rule in rules_ if rule.kind is legacy.Kind.REGULAR), D(0))
    table = legacy.TableRule(
        criteria=rules_,
        declared_total=declared,
        bonus_cap=draw(optional(QUARTERS)),
        penalty_cap=draw(optional(QUARTERS)),
    )
    bounds = sorted(draw(st.sets(st.integers(1, 400), max_size=3)), reverse=True)
    tiers = tuple(legacy.TierRule(f"T{bound}", D(bound) / 4) for bound in bounds) + (legacy.TierRule("Yếu", D(0)),)
    return table, tiers, rows


def new_table(table, tiers):
    criteria_ = [
        legacy_criterion(
            rule.code,
            rule.max_points,
            rule.method,
            rule.kind,
            rule.target_value,
            rule.count_minimum,
            rule.count_partial,
            rule.minimum_points,
            rule.evidence_required,
        )
        for rule in table.criteria
    ]
    new_tiers = [Tier(tier.name, tier.lower_bound) for tier in tiers]
    return legacy_table(criteria_, table.declared_total, table.bonus_cap, table.penalty_cap, new_tiers)


@SETTINGS
@given(legacy_setups())
def test_legacy_equivalence(setup):
    old_table, old_tiers, rows = setup
    table = new_table(old_table, old_tiers)
    old_points = {rule.code: legacy.points_for(rule, old) for rule, old, _ in rows if old is not None}
    submission = {rule.code: legacy_inputs(rule.method, new) for rule, _, new in rows if new is not None}

    result = score_table(table, submission)
    old = legacy.total_for(old_table, old_points)

    assert validate_table(table) == [] == legacy.validate_table(old_table)
    for rule, _, _ in rows:
        assert result.criteria[rule.code].points == old_points.get(rule.code, 0)
    assert (result.regular, result.bonus, result.penalty, result.total) == (
        old.regular,
        old.bonus,
        old.penalty,
        old.total,
    )
    assert result.below_minimum == old.below_minimum
    assert result.tier == legacy.tier_for(old_tiers, old.total, below_minimum=bool(old.below_minimum)).name


@SETTINGS
@given(st.integers(0, 100000).map(lambda n: D(n) / 1000))
def test_round_points_is_half_up(amount):
    assert round_points(amount) == exact(Fraction(amount))
