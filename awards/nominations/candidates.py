"""From catalogue rows, a plan and a ranking to the pure rules' inputs (``AwardRule``, ``Candidate``, …).

Reads only: the services decide what to store. Every read is a bulk one (a handful of queries per plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from awards import eligibility as el
from awards.catalogue.selectors import award_type_in_force
from awards.enums import AwardCategory, PrerequisiteScope, RecipientKind
from awards.ledger.selectors import award_history_bulk, under_review_bulk
from awards.models import AwardPlan
from awards.nominations.quota import RankedCandidate
from awards.nominations.selectors import award_date, women_share_bulk


def _minimum(*values: Decimal | None) -> Decimal | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _prerequisite(row) -> el.Prerequisite:
    return el.Prerequisite(
        award_code=row.required_code,
        times=row.times,
        consecutive=row.scope == PrerequisiteScope.CONSECUTIVE,
        within_years=0 if row.scope == PrerequisiteScope.SAME_YEAR else None,
    )


def award_rule(plan: AwardPlan, *, on=None) -> el.AwardRule:
    """The plan's award as a rule: the catalogue's own bars, statutory minimum conditions and prerequisites, plus the
    plan's tier and points. With ``on``, the version of the award's code in force on that date."""
    award = award_type_in_force(plan.award_type, on) if on is not None else plan.award_type
    accepted = None
    if plan.minimum_tier_id:
        bound = plan.minimum_tier.lower_bound
        tiers = plan.minimum_tier.table.tiers.filter(lower_bound__gte=bound).order_by("-lower_bound")
        accepted = tuple(tiers.values_list("name", flat=True))
    return el.AwardRule(
        award_code=award.code,
        recipient_kind=el.RecipientKind(award.recipient_kind),
        accepted_tiers=accepted,
        minimum_points=_minimum(award.minimum_points, plan.minimum_points),
        prerequisites=tuple(_prerequisite(row) for row in award.prerequisites.all()),
        excludes_disciplinary_review=award.excludes_disciplinary_review,
        minimum_rating=award.minimum_rating or None,
        rating_basis=award.conditions_basis,
        valid_from=award.valid_from,
        valid_to=award.valid_to,
    )


@dataclass(frozen=True)
class Nominee:
    """A possible recipient: the participant (when enrolled) or the bare person / organisation, with its ranking."""

    person: object = None
    organization: object = None
    participant: object = None
    entry: object = None  # scoring.RankingEntry or None

    @property
    def key(self) -> tuple[str, int]:
        return ("person", self.person.pk) if self.person is not None else ("organization", self.organization.pk)

    @property
    def kind(self) -> str:
        return RecipientKind.INDIVIDUAL if self.person is not None else RecipientKind.COLLECTIVE


@dataclass(frozen=True)
class Judged:
    nominee: Nominee
    verdict: el.Verdict
    ranked: RankedCandidate | None  # None without a ranking entry


class Facts:
    """The ledger, disciplinary reviews and women shares of a set of nominees, read in three queries."""

    def __init__(self, nominees: list[Nominee], *, on) -> None:
        people = [n.person.pk for n in nominees if n.person is not None]
        units = [n.organization.pk for n in nominees if n.organization is not None]
        self.history = award_history_bulk(person_ids=people, organization_ids=units)
        self.under_review = under_review_bulk(person_ids=people, organization_ids=units, on=on)
        self.women_share = women_share_bulk(organization_ids=units)


def _candidate(nominee: Nominee, rule: el.AwardRule, facts: Facts, *, award_year: int, is_title: bool) -> el.Candidate:
    history = tuple(facts.history.get(nominee.key, ()))
    # A title is held at most once a year: holding it already for this year means this achievement was rewarded.
    already = is_title and any(h.award_code == rule.award_code and h.year == award_year for h in history)
    entry = nominee.entry
    return el.Candidate(
        recipient_kind=el.RecipientKind(nominee.kind),
        tier=(entry.tier_name or None) if entry else None,
        points=entry.total if entry else None,
        is_under_disciplinary_review=nominee.key in facts.under_review,
        history=history,
        already_awarded_for_achievement=already,
    )


def judge(plan: AwardPlan, nominees: list[Nominee]) -> list[Judged]:
    """Each nominee's eligibility verdict for the plan's award, and its line for the quota selection."""
    on = award_date(plan.campaign)
    rule = award_rule(plan, on=on)
    year = plan.campaign.end_date.year
    facts = Facts(nominees, on=on)
    is_title = plan.award_type.category == AwardCategory.EMULATION_TITLE
    judged = []
    for nominee in nominees:
        candidate = _candidate(nominee, rule, facts, award_year=year, is_title=is_title)
        verdict = el.evaluate(rule, candidate, award_year=year, on=on)
        ranked = None
        if nominee.entry is not None:
            ranked = RankedCandidate(
                key=nominee.key,
                rank=nominee.entry.rank,
                total=nominee.entry.total,
                tier=nominee.entry.tier_name or None,
                eligible=verdict.eligible,
                is_female=(nominee.person.gender == "female") if nominee.person is not None else None,
                women_share=facts.women_share.get(nominee.organization.pk)
                if nominee.organization is not None
                else None,
            )
        judged.append(Judged(nominee=nominee, verdict=verdict, ranked=ranked))
    return judged
