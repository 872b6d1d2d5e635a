"""Pure checks on a campaign's phases (no Django): inside the campaign, ordered, never overlapping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PhaseProblem(StrEnum):
    ENDS_BEFORE_START = "ends_before_start"
    OUTSIDE_CAMPAIGN = "outside_campaign"
    OVERLAP = "overlap"


@dataclass(frozen=True)
class PhaseSpan:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Problem:
    code: PhaseProblem
    names: tuple[str, ...]


def phase_problems(*, campaign_start: date, campaign_end: date, phases: list[PhaseSpan]) -> list[Problem]:
    """Every problem with these phases (codes the caller turns into translated messages); empty when fine."""
    problems: list[Problem] = []
    for phase in phases:
        if phase.end < phase.start:
            problems.append(Problem(PhaseProblem.ENDS_BEFORE_START, (phase.name,)))
        elif phase.start < campaign_start or phase.end > campaign_end:
            problems.append(Problem(PhaseProblem.OUTSIDE_CAMPAIGN, (phase.name,)))
    ordered = sorted((p for p in phases if p.end >= p.start), key=lambda p: (p.start, p.end))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start <= earlier.end:
            problems.append(Problem(PhaseProblem.OVERLAP, (earlier.name, later.name)))
    return problems
