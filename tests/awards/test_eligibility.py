"""The pure eligibility rules: bars, tier, points, prerequisites and consecutive-year streaks."""

import ast
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from awards import eligibility
from awards.eligibility import (
    ALREADY_AWARDED,
    AWARD_NOT_VALID_ON_DATE,
    KIND_MISMATCH,
    MISSING_PREREQUISITE,
    NO_POINTS,
    NO_TIER,
    POINTS_OK,
    POINTS_TOO_LOW,
    PREREQUISITE_MET,
    TIER_OK,
    TIER_TOO_LOW,
    UNDER_DISCIPLINARY_REVIEW,
    AwardRule,
    Candidate,
    HeldAward,
    Prerequisite,
    Reason,
    RecipientKind,
    Verdict,
    check_prerequisite,
    consecutive_streak,
    evaluate,
)

INDIVIDUAL = RecipientKind.INDIVIDUAL
COLLECTIVE = RecipientKind.COLLECTIVE
YEAR = 2025
ON = date(2025, 12, 15)

# CSTĐ cấp tỉnh: 3 × CSTĐ cơ sở in a row. CSTĐ cơ sở: Lao động tiên tiến in the award year.
CSTD_TINH = AwardRule("CSTD_TINH", INDIVIDUAL, prerequisites=(Prerequisite("CSTD_CS", times=3, consecutive=True),))
CSTD_CS = AwardRule("CSTD_CS", INDIVIDUAL, prerequisites=(Prerequisite("LDTT", times=1, within_years=0),))
GIAY_KHEN_UNIT = AwardRule(
    "GIAY_KHEN", COLLECTIVE, accepted_tiers=("Xuất sắc",), minimum_points=D("90"), valid_from=date(2024, 1, 1)
)


def held(code, *years):
    return tuple(HeldAward(code, year) for year in years)


def person(**kwargs):
    return Candidate(INDIVIDUAL, **kwargs)


def unit(**kwargs):
    return Candidate(COLLECTIVE, **kwargs)


def codes(verdict):
    return [reason.code for reason in verdict.reasons]


def test_module_imports_no_django():
    tree = ast.parse(Path(eligibility.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") for name in imported)


# --- The simplest cases -------------------------------------------------------------------------


def test_rule_without_conditions_is_eligible_with_no_reasons():
    verdict = evaluate(AwardRule("BK", INDIVIDUAL), person(), award_year=YEAR, on=ON)

    assert verdict == Verdict(eligible=True, reasons=())


def test_unit_meeting_tier_and_points_is_eligible_with_positive_reasons():
    verdict = evaluate(GIAY_KHEN_UNIT, unit(tier="Xuất sắc", points=D("92.50")), award_year=YEAR, on=ON)

    assert verdict.eligible
    assert verdict.reasons == (
        Reason(TIER_OK, {"tier": "Xuất sắc", "accepted": ["Xuất sắc"]}, passed=True),
        Reason(POINTS_OK, {"points": D("92.50"), "minimum": D("90")}, passed=True),
    )
    assert verdict.failures == ()


# --- Bars: validity, kind, double award, disciplinary review -------------------------------------


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "on", "valid"),
    [
        (None, None, date(1990, 1, 1), True),
        (date(2024, 1, 1), None, date(2023, 12, 31), False),
        (date(2024, 1, 1), None, date(2024, 1, 1), True),
        (None, date(2025, 6, 30), date(2025, 6, 30), True),
        (None, date(2025, 6, 30), date(2025, 7, 1), False),
        (date(2024, 1, 1), date(2025, 6, 30), date(2025, 1, 1), True),
        (date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 1), True),
    ],
)
def test_award_validity_dates_are_inclusive(valid_from, valid_to, on, valid):
    rule = AwardRule("BK", INDIVIDUAL, valid_from=valid_from, valid_to=valid_to)

    verdict = evaluate(rule, person(), award_year=YEAR, on=on)

    assert verdict.eligible is valid
    if not valid:
        assert verdict.reasons == (
            Reason(
                AWARD_NOT_VALID_ON_DATE,
                {"award_code": "BK", "date": on, "valid_from": valid_from, "valid_to": valid_to},
            ),
        )


@pytest.mark.parametrize(
    ("rule_kind", "candidate_kind", "eligible"),
    [
        (INDIVIDUAL, INDIVIDUAL, True),
        (COLLECTIVE, COLLECTIVE, True),
        (INDIVIDUAL, COLLECTIVE, False),
        (COLLECTIVE, INDIVIDUAL, False),
    ],
)
def test_recipient_kind_must_match(rule_kind, candidate_kind, eligible):
    verdict = evaluate(AwardRule("X", rule_kind), Candidate(candidate_kind), award_year=YEAR, on=ON)

    assert verdict.eligible is eligible
    if not eligible:
        assert verdict.reasons == (
            Reason(KIND_MISMATCH, {"award_code": "X", "expected": str(rule_kind), "actual": str(candidate_kind)}),
        )


def test_plain_strings_work_as_recipient_kinds():
    verdict = evaluate(AwardRule("X", "collective"), Candidate("collective"), award_year=YEAR, on=ON)

    assert verdict.eligible


def test_candidate_under_disciplinary_review_is_not_eligible():
    verdict = evaluate(AwardRule("LDTT", INDIVIDUAL), person(is_under_disciplinary_review=True), award_year=YEAR, on=ON)

    assert not verdict.eligible
    assert verdict.reasons == (Reason(UNDER_DISCIPLINARY_REVIEW, {"award_code": "LDTT"}),)


def test_disciplinary_review_ignored_when_the_rule_allows_it():
    rule = AwardRule("KN", INDIVIDUAL, excludes_disciplinary_review=False)

    verdict = evaluate(rule, person(is_under_disciplinary_review=True), award_year=YEAR, on=ON)

    assert verdict.eligible


def test_same_achievement_is_never_rewarded_twice():
    candidate = unit(tier="Xuất sắc", points=D("95"), already_awarded_for_achievement=True)

    verdict = evaluate(GIAY_KHEN_UNIT, candidate, award_year=YEAR, on=ON)

    assert not verdict.eligible
    assert verdict.reasons[0] == Reason(ALREADY_AWARDED, {"award_code": "GIAY_KHEN", "year": YEAR})
    assert [reason.code for reason in verdict.failures] == [ALREADY_AWARDED]


def test_every_failure_is_reported_in_a_stable_order():
    rule = AwardRule(
        "CSTD_TINH",
        INDIVIDUAL,
        accepted_tiers=("Xuất sắc",),
        minimum_points=D("90"),
        prerequisites=(Prerequisite("CSTD_CS", times=3, consecutive=True), Prerequisite("LDTT", within_years=0)),
        valid_to=date(2020, 1, 1),
    )
    candidate = Candidate(
        COLLECTIVE,
        tier="Khá",
        points=D("80"),
        is_under_disciplinary_review=True,
        already_awarded_for_achievement=True,
    )

    verdict = evaluate(rule, candidate, award_year=YEAR, on=ON)

    assert codes(verdict) == [
        AWARD_NOT_VALID_ON_DATE,
        KIND_MISMATCH,
        ALREADY_AWARDED,
        UNDER_DISCIPLINARY_REVIEW,
        TIER_TOO_LOW,
        POINTS_TOO_LOW,
        MISSING_PREREQUISITE,
        MISSING_PREREQUISITE,
    ]
    assert not any(reason.passed for reason in verdict.reasons)


# --- Tier and points ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "code", "eligible"),
    [
        ("Xuất sắc", TIER_OK, True),
        ("Khá", TIER_OK, True),
        ("Trung bình", TIER_TOO_LOW, False),
        ("Yếu", TIER_TOO_LOW, False),
        ("xuất sắc", TIER_TOO_LOW, False),  # names are matched exactly; the Django layer passes stored names
    ],
)
def test_tier_must_be_among_the_accepted(tier, code, eligible):
    rule = AwardRule("LDTT", INDIVIDUAL, accepted_tiers=("Xuất sắc", "Khá"))

    verdict = evaluate(rule, person(tier=tier), award_year=YEAR, on=ON)

    assert verdict.eligible is eligible
    assert verdict.reasons == (Reason(code, {"tier": tier, "accepted": ["Xuất sắc", "Khá"]}, passed=eligible),)


def test_missing_tier_is_its_own_reason():
    rule = AwardRule("LDTT", INDIVIDUAL, accepted_tiers=("Xuất sắc",))

    verdict = evaluate(rule, person(), award_year=YEAR, on=ON)

    assert not verdict.eligible
    assert verdict.reasons == (Reason(NO_TIER, {"accepted": ["Xuất sắc"]}),)


def test_tier_is_ignored_when_the_rule_has_none():
    verdict = evaluate(AwardRule("LDTT", INDIVIDUAL), person(tier="Yếu"), award_year=YEAR, on=ON)

    assert verdict.eligible
    assert verdict.reasons == ()


@pytest.mark.parametrize(
    ("points", "code", "eligible"),
    [
        (D("89.99"), POINTS_TOO_LOW, False),
        (D("90"), POINTS_OK, True),
        (D("90.00"), POINTS_OK, True),
        (D("100"), POINTS_OK, True),
        (D("0"), POINTS_TOO_LOW, False),
    ],
)
def test_points_reach_the_minimum_inclusively(points, code, eligible):
    # Seed 004: every unit with at least 90 points is commended.
    rule = AwardRule("GIAY_KHEN", COLLECTIVE, minimum_points=D("90"))

    verdict = evaluate(rule, unit(points=points), award_year=YEAR, on=ON)

    assert verdict.eligible is eligible
    assert verdict.reasons == (Reason(code, {"points": points, "minimum": D("90")}, passed=eligible),)


def test_missing_points_are_their_own_reason():
    rule = AwardRule("GIAY_KHEN", COLLECTIVE, minimum_points=D("90"))

    verdict = evaluate(rule, unit(), award_year=YEAR, on=ON)

    assert verdict.reasons == (Reason(NO_POINTS, {"minimum": D("90")}),)
    assert not verdict.eligible


@pytest.mark.parametrize("bad", [90.0, "90", D("NaN"), D("Infinity")])
def test_points_must_be_finite_decimals(bad):
    with pytest.raises(TypeError):
        unit(points=bad)
    with pytest.raises(TypeError):
        AwardRule("X", COLLECTIVE, minimum_points=bad)


# --- Prerequisites: counting ----------------------------------------------------------------------


def test_ldtt_in_the_award_year_makes_cstd_cs_eligible():
    verdict = evaluate(CSTD_CS, person(history=held("LDTT", YEAR)), award_year=YEAR, on=ON)

    assert verdict.eligible
    assert verdict.reasons == (
        Reason(
            PREREQUISITE_MET,
            {"award_code": "LDTT", "times": 1, "held": 1, "years": [YEAR], "consecutive": False, "within_years": 0},
            passed=True,
        ),
    )


@pytest.mark.parametrize("years", [(), (YEAR - 1,), (YEAR + 1,), (YEAR - 2, YEAR - 1)])
def test_ldtt_outside_the_award_year_does_not_count_for_cstd_cs(years):
    verdict = evaluate(CSTD_CS, person(history=held("LDTT", *years)), award_year=YEAR, on=ON)

    assert not verdict.eligible
    assert verdict.reasons[0].code == MISSING_PREREQUISITE
    assert verdict.reasons[0].params["held"] == 0
    assert verdict.reasons[0].params["years"] == []


def test_other_award_codes_do_not_count():
    history = held("TTLDXS", YEAR) + held("CSTD_CS", YEAR - 2, YEAR - 1)

    verdict = evaluate(CSTD_CS, person(history=history), award_year=YEAR, on=ON)

    assert not verdict.eligible


@pytest.mark.parametrize(
    ("within_years", "years", "counted"),
    [
        (None, (2000, 2010, 2024), [2000, 2010, 2024]),
        (None, (2024, 2025, 2026), [2024, 2025]),  # future years are ignored
        (0, (2024, 2025), [2025]),
        (1, (2023, 2024, 2025), [2024, 2025]),
        (4, (2020, 2021, 2025), [2021, 2025]),  # window 2021 … 2025
        (5, (2020, 2021, 2025), [2020, 2021, 2025]),
        (2, (2022,), []),
    ],
)
def test_non_consecutive_count_within_the_window(within_years, years, counted):
    prerequisite = Prerequisite("BK", times=2, within_years=within_years)

    reason = check_prerequisite(prerequisite, held("BK", *years), YEAR)

    assert reason.params["years"] == counted
    assert reason.params["held"] == len(counted)
    assert reason.passed is (len(counted) >= 2)


def test_duplicates_in_the_same_year_count_once():
    prerequisite = Prerequisite("BK", times=2)

    reason = check_prerequisite(prerequisite, held("BK", 2024, 2024, 2024), YEAR)

    assert not reason.passed
    assert reason.params["held"] == 1
    assert reason.params["years"] == [2024]


def test_co_thi_dua_can_require_ttldxs():
    rule = AwardRule("CO_THI_DUA", COLLECTIVE, prerequisites=(Prerequisite("TTLDXS", within_years=0),))

    assert evaluate(rule, unit(history=held("TTLDXS", YEAR)), award_year=YEAR, on=ON).eligible
    assert not evaluate(rule, unit(history=held("TTLDXS", YEAR - 1)), award_year=YEAR, on=ON).eligible


def test_several_prerequisites_are_each_reported():
    rule = AwardRule(
        "CSTD_TINH",
        INDIVIDUAL,
        prerequisites=(Prerequisite("CSTD_CS", times=3, consecutive=True), Prerequisite("LDTT", within_years=0)),
    )
    history = held("CSTD_CS", 2023, 2024, 2025)

    verdict = evaluate(rule, person(history=history), award_year=YEAR, on=ON)

    assert codes(verdict) == [PREREQUISITE_MET, MISSING_PREREQUISITE]
    assert [reason.passed for reason in verdict.reasons] == [True, False]
    assert not verdict.eligible


# --- Prerequisites: consecutive years (3 × CSTĐ cơ sở → CSTĐ cấp tỉnh) ----------------------------


@pytest.mark.parametrize(
    ("years", "streak", "eligible"),
    [
        ((2022, 2023, 2024), [2022, 2023, 2024], True),  # exactly 3, ending at award year − 1
        ((2023, 2024, 2025), [2023, 2024, 2025], True),  # exactly 3, ending at the award year (held)
        ((2024, 2025), [2024, 2025], False),  # 2 of 3
        ((2023, 2024), [2023, 2024], False),  # 2 of 3
        ((2021, 2022, 2023, 2024), [2021, 2022, 2023, 2024], True),  # 4 in a row
        ((2020, 2021, 2023, 2024), [2023, 2024], False),  # 4 with a gap: only the last run counts
        ((2019, 2020, 2021, 2023), [], False),  # 3 in a row but not reaching award year − 1
        ((2021, 2022, 2023), [], False),  # ended two years before the award year
        ((2022, 2024, 2025), [2024, 2025], False),  # gap year 2023
        ((2022, 2023, 2024, 2026), [2022, 2023, 2024], True),  # future years ignored
        ((2024, 2026, 2027), [2024], False),  # a future year does not bridge anything
        ((2022, 2022, 2023, 2023, 2024), [2022, 2023, 2024], True),  # duplicates count once
        ((2023, 2023, 2024, 2024, 2024), [2023, 2024], False),  # duplicates never make up for a year
        ((2025,), [2025], False),
        ((), [], False),
    ],
)
def test_consecutive_streak_edges(years, streak, eligible):
    verdict = evaluate(CSTD_TINH, person(history=held("CSTD_CS", *years)), award_year=YEAR, on=ON)

    (reason,) = verdict.reasons
    assert verdict.eligible is eligible
    assert reason.code == (PREREQUISITE_MET if eligible else MISSING_PREREQUISITE)
    assert reason.params == {
        "award_code": "CSTD_CS",
        "times": 3,
        "held": len(streak),
        "years": streak,
        "consecutive": True,
        "within_years": None,
    }


def test_streak_ending_at_award_year_minus_one_is_used_when_award_year_not_held():
    # 2022–2024 held, 2025 not yet: the streak 2022–2024 counts (it ends at award year − 1).
    assert consecutive_streak([2024, 2022, 2023], 2025) == [2022, 2023, 2024]


def test_streak_extends_to_award_year_when_held():
    assert consecutive_streak([2023, 2024, 2025], 2025) == [2023, 2024, 2025]


def test_streak_of_only_the_award_year():
    assert consecutive_streak([2025, 2023], 2025) == [2025]


def test_streak_is_empty_without_award_year_or_the_year_before():
    assert consecutive_streak([2020, 2021, 2022, 2023], 2025) == []


def test_twice_consecutively_for_a_national_title():
    # 2 × CSTĐ cấp bộ/tỉnh in a row → CSTĐ toàn quốc.
    rule = AwardRule("CSTD_TQ", INDIVIDUAL, prerequisites=(Prerequisite("CSTD_TINH", times=2, consecutive=True),))

    assert evaluate(rule, person(history=held("CSTD_TINH", 2023, 2024)), award_year=YEAR, on=ON).eligible
    assert not evaluate(rule, person(history=held("CSTD_TINH", 2022, 2024)), award_year=YEAR, on=ON).eligible


@pytest.mark.parametrize(
    ("within_years", "years", "streak"),
    [
        (None, (2021, 2022, 2023, 2024), [2021, 2022, 2023, 2024]),
        (2, (2021, 2022, 2023, 2024), [2023, 2024]),  # window 2023 … 2025 cuts the streak
        (3, (2021, 2022, 2023, 2024), [2022, 2023, 2024]),
        (0, (2024, 2025), [2025]),
    ],
)
def test_consecutive_streak_is_cut_by_the_window(within_years, years, streak):
    prerequisite = Prerequisite("CSTD_CS", times=3, consecutive=True, within_years=within_years)

    reason = check_prerequisite(prerequisite, held("CSTD_CS", *years), YEAR)

    assert reason.params["years"] == streak
    assert reason.passed is (len(streak) >= 3)


# --- Input validation -----------------------------------------------------------------------------


@pytest.mark.parametrize("times", [0, -1, True, 1.5])
def test_prerequisite_times_must_be_at_least_one(times):
    with pytest.raises(ValueError, match="times"):
        Prerequisite("X", times=times)


@pytest.mark.parametrize("within_years", [-1, True])
def test_prerequisite_window_cannot_be_negative(within_years):
    with pytest.raises(ValueError, match="within_years"):
        Prerequisite("X", within_years=within_years)


def test_rule_validity_must_not_end_before_it_starts():
    with pytest.raises(ValueError, match="before valid_from"):
        AwardRule("X", INDIVIDUAL, valid_from=date(2025, 1, 2), valid_to=date(2025, 1, 1))


def test_rule_accepted_tiers_cannot_be_empty():
    with pytest.raises(ValueError, match="accepted_tiers"):
        AwardRule("X", INDIVIDUAL, accepted_tiers=())


@pytest.mark.parametrize("kind", ["person", "", "Individual"])
def test_unknown_recipient_kinds_are_refused(kind):
    with pytest.raises(ValueError):
        AwardRule("X", kind)
    with pytest.raises(ValueError):
        Candidate(kind)


def test_dataclasses_are_frozen_and_reasons_hashable():
    reason = Reason(TIER_OK, {"tier": "Khá"}, passed=True)

    with pytest.raises(AttributeError):
        reason.code = "x"
    with pytest.raises(AttributeError):
        CSTD_CS.award_code = "x"
    assert hash(reason) == hash(Reason(TIER_OK, {"tier": "Khá"}, passed=True))
