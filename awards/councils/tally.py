"""Pure council ballot rules (no Django): quorum and whether a nomination is approved.

The regulations (Law 06/2022/QH15; Decree 98/2023/NĐ-CP until 30/6/2025, replaced from 1/7/2025 by Decree
152/2025/NĐ-CP): councils decide with a quorum of two thirds of their members; by secret ballot, at least 90% of all
members for Chiến sĩ thi đua toàn quốc, Chiến sĩ thi đua cấp bộ/ban/ngành/tỉnh and the Hero titles, at least 80% for
Chiến sĩ thi đua cơ sở and the emulation flags (Decree 98/2023 Art. 30(7)); lower titles follow each unit's own
rules. The code holds no legal value: the quorum fraction and the approval ``Threshold`` come from the catalogue row
in force on the meeting date (``AwardType.threshold_*`` with its ``threshold_basis``), copied onto each agenda item
when voting starts. The named thresholds below are examples for tests and docs, not used by the application.

Absent members may vote in writing (Nghị định 98/2023 Art. 30(7): their opinions go into the minutes). How a
written vote counts follows the threshold's base: on "all members" the written approvals are added to the present
members' approvals (the absent members are part of the base); on "members present" they are not counted (the base
is only those present). Written votes are never mixed into the secret tallies themselves.

All arithmetic is exact (integers and ``Fraction``); no float is accepted anywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

TWO_THIRDS = Fraction(2, 3)
SHARE_QUANTUM = Decimal("0.01")

# Result reason codes (stable; translated by the Django layer).
APPROVED = "approved"  # approvals reached the threshold
BELOW_THRESHOLD = "below_threshold"  # fewer approvals than needed
EMPTY_BASE = "empty_base"  # the base (members or members present) is 0: nothing can pass


class Base(StrEnum):
    """What the approval share is a share of."""

    ALL = "all"  # every member of the council
    PRESENT = "present"  # the members present at the session


@dataclass(frozen=True)
class Threshold:
    """Approvals must reach ``percent`` of the base (``inclusive``) or exceed it (not ``inclusive``)."""

    percent: Decimal
    base: Base = Base.ALL
    inclusive: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.percent, bool) or not isinstance(self.percent, int | Decimal):
            raise TypeError(f"The threshold percent must be a Decimal, not {self.percent!r}.")
        if not Decimal(self.percent).is_finite() or not 0 <= self.percent <= 100:
            raise ValueError(f"The threshold percent must be between 0 and 100, not {self.percent}.")
        if not self.inclusive and self.percent == 100:
            raise ValueError("“More than 100%” can never be reached; use 100% inclusive instead.")
        Base(self.base)


# Examples (tests, docs): 90% of all members, and “more than half” (quá bán). The application reads the catalogue.
NINETY_PERCENT_OF_ALL = Threshold(Decimal("90"), Base.ALL, inclusive=True)
MORE_THAN_HALF_OF_ALL = Threshold(Decimal("50"), Base.ALL, inclusive=False)
MORE_THAN_HALF_OF_PRESENT = Threshold(Decimal("50"), Base.PRESENT, inclusive=False)


@dataclass(frozen=True)
class BallotResult:
    approved: bool
    approve_share: Decimal  # approvals counted as a percent of base_count, 2 places, half up; 0.00 on an empty base
    base_count: int
    needed: int  # the fewest approvals that pass (at least 1)
    reason: str  # APPROVED, BELOW_THRESHOLD or EMPTY_BASE
    approvals_counted: int = 0  # present members' approvals, plus written approvals when they count
    written_counted: bool = False  # the written votes of absent members counted (an "all members" base)


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {value!r}.")
    if value < 0:
        raise ValueError(f"{name} cannot be negative (got {value}).")


def _check_attendance(members: int, present: int) -> None:
    _check_count("members", members)
    _check_count("present", present)
    if present > members:
        raise ValueError(f"More members present ({present}) than the council has ({members}).")


def quorum_required(members: int, fraction: Fraction = TWO_THIRDS) -> int:
    """The fewest members present for a quorum: ⌈fraction × members⌉ (at least 1)."""
    _check_count("members", members)
    if isinstance(fraction, bool) or not isinstance(fraction, int | Fraction | Decimal):
        raise TypeError(f"The quorum fraction must be a Fraction, not {fraction!r}.")
    exact = Fraction(fraction)
    if not 0 < exact <= 1:
        raise ValueError(f"The quorum fraction must be above 0 and at most 1, not {fraction}.")
    return max(1, math.ceil(exact * members))


def quorum_met(members: int, present: int, fraction: Fraction = TWO_THIRDS) -> bool:
    """Whether ``present`` ≥ ⌈fraction × members⌉; a council without members never has a quorum.

    With the default two thirds: 9 members need 6, 10 need 7, 14 need 10.
    """
    _check_attendance(members, present)
    required = quorum_required(members, fraction)
    return members > 0 and present >= required


def base_count(threshold: Threshold, *, members: int, present: int) -> int:
    """The number the approval share is taken of: all members or those present."""
    _check_attendance(members, present)
    return members if threshold.base == Base.ALL else present


def needed_approvals(threshold: Threshold, *, members: int, present: int) -> int:
    """The fewest approvals that pass, from exact arithmetic on ``percent × base / 100``.

    Inclusive: the smallest n with n × 100 ≥ percent × base; not inclusive: with n × 100 > percent ×
    base. Never below 1: a nomination nobody approved is never approved, even at a 0% threshold. With a
    non-empty base the result never exceeds it (“more than 100%” is refused by ``Threshold``); with an
    empty base (nobody present on a “present” base, or no members) it is 1 and the ballot cannot pass.
    """
    base = base_count(threshold, members=members, present=present)
    required = Fraction(threshold.percent) * base / 100
    needed = math.ceil(required) if threshold.inclusive else math.floor(required) + 1
    return max(1, needed)


def approve_share(approve: int, base: int) -> Decimal:
    """``approve`` as a percent of ``base``, rounded half up to 2 places; 0.00 when the base is 0."""
    if base == 0:
        return Decimal("0.00")
    return (Decimal(approve) * 100 / Decimal(base)).quantize(SHARE_QUANTUM, rounding=ROUND_HALF_UP)


def counts_written_votes(threshold: Threshold) -> bool:
    """Whether absent members' written votes count: only when the base is all members."""
    return threshold.base == Base.ALL


def tally_result(
    approve: int,
    reject: int,
    abstain: int,
    *,
    members: int,
    present: int,
    threshold: Threshold,
    written_approve: int = 0,
    written_reject: int = 0,
) -> BallotResult:
    """The outcome of one nomination's ballot against ``threshold``.

    The approvals counted are the present members' ``approve`` plus, on an "all members" base, the absent members'
    ``written_approve`` (on a "present" base written votes are ignored). Approved exactly when the approvals counted
    reach ``needed_approvals(...)``, i.e. counted × 100 ≥ percent × base (> when not inclusive) and at least one.
    Raises ``ValueError`` on negative counts, more votes than members present, more written votes than absent
    members, or more present than members.
    """
    counts = (("approve", approve), ("reject", reject), ("abstain", abstain))
    for name, value in (*counts, ("written_approve", written_approve), ("written_reject", written_reject)):
        _check_count(name, value)
    _check_attendance(members, present)
    cast = approve + reject + abstain
    if cast > present:
        raise ValueError(f"More votes cast ({cast}) than members present ({present}).")
    if written_approve + written_reject > members - present:
        raise ValueError(
            f"More written votes ({written_approve + written_reject}) than absent members ({members - present})."
        )
    base = base_count(threshold, members=members, present=present)
    needed = needed_approvals(threshold, members=members, present=present)
    written_counted = counts_written_votes(threshold)
    counted = approve + (written_approve if written_counted else 0)
    approved = counted >= needed
    if approved:
        reason = APPROVED
    elif base == 0:
        reason = EMPTY_BASE
    else:
        reason = BELOW_THRESHOLD
    return BallotResult(
        approved=approved,
        approve_share=approve_share(counted, base),
        base_count=base,
        needed=needed,
        reason=reason,
        approvals_counted=counted,
        written_counted=written_counted,
    )
