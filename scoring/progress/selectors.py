"""Where a campaign's phase stands, unit by unit and bloc by bloc: the dashboard, its export, the reminders and
the officers' home page read the same figures from here.

A participant is in exactly one state for a phase: not started (no submission), draft, handed in (submitted or
under review), returned, or approved (verified). It is *late* when it has not handed in (not started, draft or
returned) and the day is past its deadline: its own extension (``reopened_until``) when later, else the phase's
last day for submissions. The rows come from one query (submission and registration joined, the latest reminder
as a subquery) and one query for the blocs, whatever the number of participants.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, Participant, Phase
from organizations.enums import Role
from organizations.models import BlocMember
from organizations.reach import reach_for
from scoring.enums import SubmissionStatus
from scoring.models import Reminder

NOT_STARTED, DRAFT, HANDED_IN, RETURNED, APPROVED = "not_started", "draft", "handed_in", "returned", "approved"
STATES = {
    NOT_STARTED: _("Not started"),
    DRAFT: _("Started, not submitted"),
    HANDED_IN: _("Submitted, in review"),
    RETURNED: _("Returned"),
    APPROVED: _("Approved"),
}
LATE = "late"
FILTERS = {**STATES, LATE: _("Late")}
STATE_OF = {
    SubmissionStatus.DRAFT: DRAFT,
    SubmissionStatus.SUBMITTED: HANDED_IN,
    SubmissionStatus.UNDER_REVIEW: HANDED_IN,
    SubmissionStatus.RETURNED: RETURNED,
    SubmissionStatus.VERIFIED: APPROVED,
}
# Who sees a campaign's progress: the launching organisation's (or a higher one's) officers, admins and reviewers.
PROGRESS_ROLES = (Role.OFFICER, Role.ADMIN, Role.REVIEWER)
REMIND_ROLES = (Role.OFFICER, Role.ADMIN)


def may_view_progress(user, campaign: Campaign) -> bool:
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(campaign.launching_organization.path, *PROGRESS_ROLES)


def may_remind(user, campaign: Campaign) -> bool:
    reach = reach_for(user)
    return reach.is_superuser or reach.covers(campaign.launching_organization.path, *REMIND_ROLES)


@dataclass
class ProgressRow:
    participant: Participant
    phase: Phase
    registered: bool
    submission_id: int | None
    status: str
    deadline: date
    last_activity: datetime | None
    reminded_at: datetime | None
    bloc_id: int | None = None
    bloc_name: str = ""
    today: date = field(default_factory=timezone.localdate)

    @property
    def state(self) -> str:
        return STATE_OF.get(self.status, NOT_STARTED)

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])

    @property
    def is_started(self) -> bool:
        return self.submission_id is not None

    @property
    def is_late(self) -> bool:
        return self.state in (NOT_STARTED, DRAFT, RETURNED) and self.today > self.deadline

    @property
    def name(self) -> str:
        return str(self.participant)


@dataclass
class Counts:
    """The figures of a set of rows (a whole phase or one bloc)."""

    total: int = 0
    registered: int = 0
    started: int = 0
    handed_in: int = 0
    returned: int = 0
    approved: int = 0
    late: int = 0
    by_state: Counter = field(default_factory=Counter)

    def add(self, row: ProgressRow) -> None:
        self.total += 1
        self.registered += row.registered
        self.started += row.is_started
        self.handed_in += row.state in (HANDED_IN, APPROVED)
        self.returned += row.state == RETURNED
        self.approved += row.state == APPROVED
        self.late += row.is_late
        self.by_state[row.state] += 1


def progress_campaign_list(user) -> QuerySet[Campaign]:
    """Launched campaigns whose progress ``user`` follows (the home page's figures), soonest end first."""
    reach = reach_for(user)
    qs = Campaign.objects.filter(status=CampaignStatus.LAUNCHED).select_related("launching_organization")
    if not reach.is_superuser:
        qs = qs.filter(reach.below_q(*PROGRESS_ROLES, prefix="launching_organization__"))
    return qs.order_by("end_date", "name")


def current_phase(campaign: Campaign, phases: list[Phase], *, today: date | None = None) -> Phase | None:
    """The phase whose submission window holds today, else the last one that opened, else the first."""
    today = today or timezone.localdate()
    if not phases:
        return None
    open_now = [p for p in phases if p.window_opens <= today <= p.window_closes]
    if open_now:
        return open_now[0]
    started = [p for p in phases if p.window_opens <= today]
    return started[-1] if started else phases[0]


def _blocs(campaign: Campaign, organization_ids: set[int]) -> dict[int, tuple[int, str]]:
    """Each organisation's bloc: its bloc of the campaign's year (the smallest id when several), else any."""
    year = campaign.start_date.year
    rows = (
        BlocMember.objects.filter(organization_id__in=organization_ids)
        .order_by("bloc_id")
        .values_list("organization_id", "bloc_id", "bloc__name", "bloc__year")
    )
    chosen: dict[int, tuple[bool, int, str]] = {}
    for organization_id, bloc_id, name, bloc_year in rows:
        key = (bloc_year != year, bloc_id, name)
        if organization_id not in chosen or key < chosen[organization_id]:
            chosen[organization_id] = key
    return {org: (key[1], key[2]) for org, key in chosen.items()}


def progress_rows(*, campaign: Campaign, phase: Phase, today: date | None = None) -> list[ProgressRow]:
    """One row per participant of the campaign for ``phase``, in the campaign's order (two queries)."""
    today = today or timezone.localdate()
    latest_reminder = Reminder.objects.filter(participant=OuterRef("pk"), phase=phase).order_by("-created_at")
    participants = (
        Participant.objects.filter(campaign=campaign)
        .select_related("organization", "person__organization", "registration")
        .annotate(
            phase_submission=FilteredRelation("submissions", condition=Q(submissions__phase=phase)),
            submission_pk=F("phase_submission__id"),
            submission_status=F("phase_submission__status"),
            submission_reopened=F("phase_submission__reopened_until"),
            submission_updated=F("phase_submission__updated_at"),
            reminded_at=Subquery(latest_reminder.values("created_at")[:1]),
        )
        .order_by("organization__path", "person__full_name", "pk")
    )
    participants = list(participants)
    unit_of = {p.pk: p.organization_id or p.person.organization_id for p in participants}
    blocs = _blocs(campaign, set(unit_of.values()))
    rows = []
    for p in participants:
        registration = getattr(p, "registration", None)
        deadline = phase.window_closes
        if p.submission_reopened and p.submission_reopened > deadline:
            deadline = p.submission_reopened
        activity = [t for t in (p.submission_updated, registration.updated_at if registration else None) if t]
        bloc_id, bloc_name = blocs.get(unit_of[p.pk], (None, ""))
        rows.append(
            ProgressRow(
                participant=p, phase=phase, registered=registration is not None, submission_id=p.submission_pk,
                status=p.submission_status or "", deadline=deadline, last_activity=max(activity, default=None),
                reminded_at=p.reminded_at, bloc_id=bloc_id, bloc_name=bloc_name, today=today,
            )
        )  # fmt: skip
    return rows


def progress_counts(rows: list[ProgressRow]) -> Counts:
    counts = Counts()
    for row in rows:
        counts.add(row)
    return counts


def progress_by_bloc(rows: list[ProgressRow]) -> list[tuple[str, Counts]]:
    """The counts of each bloc (participants in no bloc last, under an empty name), by bloc name."""
    groups: dict[tuple[bool, str], Counts] = {}
    for row in rows:
        groups.setdefault((row.bloc_id is None, row.bloc_name), Counts()).add(row)
    return [(name, counts) for (_none, name), counts in sorted(groups.items())]


def progress_filter(rows: list[ProgressRow], *, state: str = "", bloc: int | None = None, search: str = ""):
    """The rows in ``state`` (or late), of ``bloc``, whose name contains ``search`` (case-insensitive)."""
    if state == LATE:
        rows = [r for r in rows if r.is_late]
    elif state in STATES:
        rows = [r for r in rows if r.state == state]
    if bloc is not None:
        rows = [r for r in rows if r.bloc_id == bloc]
    if search:
        needle = search.casefold()
        rows = [r for r in rows if needle in r.name.casefold()]
    return rows


def home_progress(user, *, limit: int = 10) -> list[tuple[Campaign, Phase, Counts]]:
    """For the officers' home page: each launched campaign they follow, its current phase and its figures."""
    result = []
    campaigns = list(progress_campaign_list(user).prefetch_related("phases")[:limit])
    for campaign in campaigns:
        phase = current_phase(campaign, list(campaign.phases.all()))
        if phase is not None:
            result.append((campaign, phase, progress_counts(progress_rows(campaign=campaign, phase=phase))))
    return result
