"""Pure eligibility rules (no Django): may this candidate receive this award in this year?

What is encoded (Law on Emulation and Commendation 06/2022/QH15,
Decree 98/2023/NĐ-CP until 30/6/2025, replaced from 1/7/2025 by Decree 152/2025/NĐ-CP):

- an award is catalogue data valid between two dates; it can only be given while valid;
- an award is for individuals or for collectives, never both;
- a required tier (xếp loại) and/or a minimum number of points;
- the statutory minimum level of task completion (mức độ hoàn thành nhiệm vụ) the catalogue row states, e.g. at
  least "hoàn thành tốt nhiệm vụ" for Lao động tiên tiến; the candidate's level is read from its tier's name
  (``rating_from_tier``). A tier that names no level leaves the condition unchecked (a passing note that the
  dossier must show it), never silently met;
- prerequisite titles held a number of times, possibly in consecutive years (e.g. 3 × CSTĐ cơ sở
  in a row for CSTĐ cấp bộ/tỉnh) or in the award year itself (Lao động tiên tiến for CSTĐ cơ sở);
- nobody under disciplinary review may be commended;
- one achievement is never rewarded twice.

Every check runs (no short-circuit) so the user sees all of the reasons at once. Each ``Reason`` has
a stable ``code`` and plain ``params``; the Django layer turns them into translated messages. Passing
reasons are returned for the achievement checks (tier, points, prerequisites) so the UI can say *why*
a candidate qualifies; the bars (validity, kind, discipline, double award) only appear when they fail.

How a prerequisite counts the ledger (``HeldAward`` rows for the prerequisite's award code):

- years after the award year are ignored (a ledger can hold later awards when re-checking the past);
- several rows in the same year count once (a title is held at most once a year);
- ``within_years=N`` keeps the years ``award_year - N … award_year`` (``0`` = the award year only);
  ``None`` keeps every year up to and including the award year;
- not consecutive: the number of distinct kept years must reach ``times``;
- consecutive: the streak of consecutive kept years that ends at the award year when the award year
  itself is held, otherwise at ``award_year - 1``; its length must reach ``times``. A gap breaks the
  streak, and a streak that ended before ``award_year - 1`` counts as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class RecipientKind(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


# Reason codes (stable: stored with nominations and translated by the Django layer).
AWARD_NOT_VALID_ON_DATE = "award_not_valid_on_date"  # award_code, date, valid_from, valid_to
KIND_MISMATCH = "kind_mismatch"  # award_code, expected, actual
ALREADY_AWARDED = "already_awarded"  # award_code, year
UNDER_DISCIPLINARY_REVIEW = "under_disciplinary_review"  # award_code
TIER_OK = "tier_ok"  # tier, accepted
TIER_TOO_LOW = "tier_too_low"  # tier, accepted
NO_TIER = "no_tier"  # accepted
POINTS_OK = "points_ok"  # points, minimum
POINTS_TOO_LOW = "points_too_low"  # points, minimum
NO_POINTS = "no_points"  # minimum
RATING_OK = "rating_ok"  # rating, minimum, basis
RATING_TOO_LOW = "rating_too_low"  # rating, minimum, basis
RATING_UNCHECKED = "rating_unchecked"  # tier, minimum, basis: the tier names no level of task completion
PREREQUISITE_MET = "prerequisite_met"  # award_code, times, held, years, consecutive, within_years
MISSING_PREREQUISITE = "missing_prerequisite"  # same params as PREREQUISITE_MET


# Levels of task completion, worst to best (the values of ``awards.enums.TaskRating``).
RATINGS = ("not_completed", "completed", "good", "excellent")
_RATING_PHRASES = (  # longest first: "không hoàn thành" before "hoàn thành"
    ("không hoàn thành", "not_completed"),
    ("chưa hoàn thành", "not_completed"),
    ("hoàn thành xuất sắc", "excellent"),
    ("hoàn thành tốt", "good"),
    ("hoàn thành", "completed"),
)


def rating_from_tier(tier: str | None) -> str | None:
    """The level of task completion a tier's name states ("Hoàn thành tốt nhiệm vụ" → "good"), else None."""
    if not tier:
        return None
    name = " ".join(tier.casefold().split())
    for phrase, rating in _RATING_PHRASES:
        if phrase in name:
            return rating
    return None


@dataclass(frozen=True)
class Reason:
    """Why a check passed or failed: a stable ``code`` and the plain values a message needs.

    ``params`` holds str, int, bool, ``Decimal``, ``None`` and lists of int; it is left out of the
    hash so that a ``Reason`` stays hashable.
    """

    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)
    passed: bool = False


@dataclass(frozen=True)
class Prerequisite:
    """A title the candidate must already hold ``times`` times (see the module docstring)."""

    award_code: str
    times: int = 1
    consecutive: bool = False
    within_years: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.times, bool) or not isinstance(self.times, int) or self.times < 1:
            raise ValueError(f"Prerequisite {self.award_code}: times must be a whole number of at least 1.")
        if self.within_years is not None and (isinstance(self.within_years, bool) or self.within_years < 0):
            raise ValueError(f"Prerequisite {self.award_code}: within_years must be None or at least 0.")


@dataclass(frozen=True)
class AwardRule:
    """The eligibility part of one catalogue row (an emulation title or form of commendation)."""

    award_code: str
    recipient_kind: RecipientKind
    accepted_tiers: tuple[str, ...] | None = None  # tier names that qualify, best first; None: any
    minimum_points: Decimal | None = None
    prerequisites: tuple[Prerequisite, ...] = ()
    excludes_disciplinary_review: bool = True
    minimum_rating: str | None = None  # one of RATINGS: the statutory minimum level of task completion
    rating_basis: str = ""  # where the condition is written (shown with the reason)
    valid_from: date | None = None  # inclusive; None: since always
    valid_to: date | None = None  # inclusive; None: still valid

    def __post_init__(self) -> None:
        RecipientKind(self.recipient_kind)
        if self.accepted_tiers is not None and not self.accepted_tiers:
            raise ValueError(f"{self.award_code}: accepted_tiers must be None or name at least one tier.")
        _check_points(self.minimum_points, f"{self.award_code}: minimum_points")
        if self.minimum_rating is not None and self.minimum_rating not in RATINGS:
            raise ValueError(f"{self.award_code}: unknown minimum_rating {self.minimum_rating!r}.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"{self.award_code}: valid_to ({self.valid_to}) is before valid_from ({self.valid_from}).")


@dataclass(frozen=True)
class HeldAward:
    """One row of the award ledger (lịch sử khen thưởng): this award, received for this year."""

    award_code: str
    year: int


@dataclass(frozen=True)
class Candidate:
    """A person or organisation proposed for an award, with what the ledger and ranking say of it."""

    recipient_kind: RecipientKind
    tier: str | None = None
    points: Decimal | None = None
    is_under_disciplinary_review: bool = False
    history: tuple[HeldAward, ...] = ()
    already_awarded_for_achievement: bool = False  # same award, same campaign/year, already given

    def __post_init__(self) -> None:
        RecipientKind(self.recipient_kind)
        _check_points(self.points, "Candidate points")


@dataclass(frozen=True)
class Verdict:
    """``eligible`` is True exactly when no reason failed; ``reasons`` in a stable order."""

    eligible: bool
    reasons: tuple[Reason, ...]

    @property
    def failures(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if not reason.passed)


def _check_points(points: object, label: str) -> None:
    """Refuse float and non-finite points: they would compare inexactly."""
    if points is None:
        return
    if not isinstance(points, Decimal) or not points.is_finite():
        raise TypeError(f"{label} must be a finite Decimal, not {points!r}.")


def _kept_years(prerequisite: Prerequisite, history: Iterable[HeldAward], award_year: int) -> set[int]:
    """Distinct years the prerequisite title was held inside its window, none after the award year."""
    years = {held.year for held in history if held.award_code == prerequisite.award_code and held.year <= award_year}
    if prerequisite.within_years is None:
        return years
    return {year for year in years if year >= award_year - prerequisite.within_years}


def consecutive_streak(years: Iterable[int], award_year: int) -> list[int]:
    """The run of consecutive years ending at ``award_year`` if held, else at ``award_year - 1``; oldest first."""
    held = {year for year in years if year <= award_year}
    year = award_year if award_year in held else award_year - 1
    streak: list[int] = []
    while year in held:
        streak.append(year)
        year -= 1
    return streak[::-1]


def check_prerequisite(prerequisite: Prerequisite, history: Iterable[HeldAward], award_year: int) -> Reason:
    """``prerequisite_met`` or ``missing_prerequisite`` with the years that counted."""
    kept = _kept_years(prerequisite, history, award_year)
    years = consecutive_streak(kept, award_year) if prerequisite.consecutive else sorted(kept)
    met = len(years) >= prerequisite.times
    params: dict[str, object] = {
        "award_code": prerequisite.award_code,
        "times": prerequisite.times,
        "held": len(years),
        "years": years,
        "consecutive": prerequisite.consecutive,
        "within_years": prerequisite.within_years,
    }
    return Reason(PREREQUISITE_MET if met else MISSING_PREREQUISITE, params, passed=met)


def _bar_reasons(rule: AwardRule, candidate: Candidate, award_year: int, on: date) -> list[Reason]:
    """Failures of the bars: award validity, recipient kind, double award, disciplinary review."""
    reasons: list[Reason] = []
    if (rule.valid_from and on < rule.valid_from) or (rule.valid_to and on > rule.valid_to):
        params = {"award_code": rule.award_code, "date": on, "valid_from": rule.valid_from, "valid_to": rule.valid_to}
        reasons.append(Reason(AWARD_NOT_VALID_ON_DATE, params))
    if candidate.recipient_kind != rule.recipient_kind:
        params = {
            "award_code": rule.award_code,
            "expected": str(rule.recipient_kind),
            "actual": str(candidate.recipient_kind),
        }
        reasons.append(Reason(KIND_MISMATCH, params))
    if candidate.already_awarded_for_achievement:
        reasons.append(Reason(ALREADY_AWARDED, {"award_code": rule.award_code, "year": award_year}))
    if rule.excludes_disciplinary_review and candidate.is_under_disciplinary_review:
        reasons.append(Reason(UNDER_DISCIPLINARY_REVIEW, {"award_code": rule.award_code}))
    return reasons


def _tier_reason(rule: AwardRule, candidate: Candidate) -> Reason | None:
    if rule.accepted_tiers is None:
        return None
    accepted = list(rule.accepted_tiers)
    if candidate.tier is None:
        return Reason(NO_TIER, {"accepted": accepted})
    passed = candidate.tier in rule.accepted_tiers
    return Reason(TIER_OK if passed else TIER_TOO_LOW, {"tier": candidate.tier, "accepted": accepted}, passed=passed)


def _points_reason(rule: AwardRule, candidate: Candidate) -> Reason | None:
    if rule.minimum_points is None:
        return None
    if candidate.points is None:
        return Reason(NO_POINTS, {"minimum": rule.minimum_points})
    passed = candidate.points >= rule.minimum_points
    params: dict[str, object] = {"points": candidate.points, "minimum": rule.minimum_points}
    return Reason(POINTS_OK if passed else POINTS_TOO_LOW, params, passed=passed)


def _rating_reason(rule: AwardRule, candidate: Candidate) -> Reason | None:
    if rule.minimum_rating is None:
        return None
    rating = rating_from_tier(candidate.tier)
    params: dict[str, object] = {"minimum": rule.minimum_rating, "basis": rule.rating_basis}
    if rating is None:
        return Reason(RATING_UNCHECKED, {**params, "tier": candidate.tier}, passed=True)
    passed = RATINGS.index(rating) >= RATINGS.index(rule.minimum_rating)
    return Reason(RATING_OK if passed else RATING_TOO_LOW, {**params, "rating": rating}, passed=passed)


def evaluate(rule: AwardRule, candidate: Candidate, *, award_year: int, on: date) -> Verdict:
    """Whether ``candidate`` may receive ``rule``'s award for ``award_year``, judged on the date ``on``.

    Reasons come in this order: the failed bars (validity, kind, double award, discipline), then
    the statutory level of task completion, tier, points and each prerequisite in the rule's order, passed or failed.
    """
    reasons = _bar_reasons(rule, candidate, award_year, on)
    for reason in (_rating_reason(rule, candidate), _tier_reason(rule, candidate), _points_reason(rule, candidate)):
        if reason is not None:
            reasons.append(reason)
    reasons.extend(check_prerequisite(p, candidate.history, award_year) for p in rule.prerequisites)
    return Verdict(eligible=all(reason.passed for reason in reasons), reasons=tuple(reasons))
