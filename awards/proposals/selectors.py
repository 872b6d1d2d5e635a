"""Reads for proposals: the lists a user may see, one proposal with its nominees and its history."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from awards.models import Holiday, Proposal, StepTimeLimit
from awards.proposals.workdays import add_working_days
from organizations.enums import Role
from organizations.reach import reach_for


def proposal_list_for_user(user, *, status: str = "") -> QuerySet[Proposal]:
    """Proposals the user sent (officer of the proposer), received (officer, reviewer or signer of the recipient)
    or was assigned to check."""
    reach = reach_for(user)
    visible = (
        reach.below_q(Role.OFFICER, Role.ADMIN, prefix="proposer__")
        | reach.below_q(Role.OFFICER, Role.ADMIN, Role.REVIEWER, Role.SIGNER, prefix="recipient__")
        | Q(assigned_to=user)
    )
    qs = Proposal.objects.filter(visible).select_related("proposer", "recipient", "assigned_to")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def proposal_get_for_user(user, *, pk: int) -> Proposal | None:
    return proposal_list_for_user(user).select_related("session__council", "upper_decision").filter(pk=pk).first()


def set_due_dates(proposals) -> None:
    """Give each proposal ``due_date`` (its status's limit in working days on the holiday calendar, counted from when
    it entered the status; None without a limit) and ``is_overdue``. Two queries for the lot."""
    limits = dict(StepTimeLimit.objects.values_list("status", "working_days"))
    holidays = set(Holiday.objects.values_list("day", flat=True))
    today = timezone.localdate()
    for proposal in proposals:
        days = limits.get(proposal.status)
        if days is None or proposal.status_changed_at is None:
            proposal.due_date, proposal.is_overdue = None, False
            continue
        proposal.due_date = add_working_days(timezone.localdate(proposal.status_changed_at), days, holidays)
        proposal.is_overdue = today > proposal.due_date
