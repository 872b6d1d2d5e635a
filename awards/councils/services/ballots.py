"""A council session's secret ballot: open and record attendance, start voting, cast ballots, close (the minutes are
in ``minutes``).

Secrecy is structural. ``ballot_cast`` inserts a ``BallotCast(session, member)`` row (which says only THAT the
member voted; its unique constraint refuses a second ballot, even a concurrent one) and, in the same
transaction, adds one to each item's approve / reject / abstain tally with set-based ``F()`` updates (which
leave ``updated_at`` alone). Nothing anywhere links a member to a choice: not a row, not a log line, not the
session store, not a message.

Every state change locks the session row (``select_for_update``) or is a conditional UPDATE on its status,
so a ballot and the closing of the vote never interleave and a double click closes once.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from awards import notices, registers
from awards.catalogue.selectors import award_type_in_force
from awards.councils import tally as ballot_rules
from awards.councils.services.councils import _voting_block_reason
from awards.enums import (
    AgendaResult,
    NominationStatus,
    RecusalReason,
    RegisterKind,
    SessionStatus,
    VoteChoice,
    WrittenChoice,
)
from awards.models import (
    AgendaItem,
    AgendaRecusal,
    BallotCast,
    CouncilMember,
    CouncilSession,
    Nomination,
    SessionAttendance,
    WrittenVote,
)
from common.documents import document_number
from organizations.audit import audit_record
from organizations.enums import Role
from organizations.models import Membership, Person

TALLY_FIELDS = {
    VoteChoice.APPROVE: "approve_count",
    VoteChoice.REJECT: "reject_count",
    VoteChoice.ABSTAIN: "abstain_count",
}


def _locked(session: CouncilSession, *statuses: str) -> CouncilSession:
    """The session row, locked until the end of the transaction, in one of ``statuses``."""
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status not in statuses:
        raise ValidationError(
            _("This session is “%(status)s”: this step is not possible now.") % {"status": locked.get_status_display()},
            code="status",
        )
    return locked


def _copy_state(target: CouncilSession, source: CouncilSession) -> CouncilSession:
    names = ("status", "members_total", "present_count", "opened_at", "voting_started_at", "closed_at")
    minutes = ("minutes_register_id", "minutes_number", "minutes_number_text", "minutes_style")
    for name in (*names, *minutes):
        setattr(target, name, getattr(source, name))
    target.secretary_id = source.secretary_id
    return target


def session_open(*, session: CouncilSession, actor, now=None, early_reason: str = "") -> CouncilSession:
    """In preparation → open: one attendance row (absent) per active member; the actor is the session's secretary.

    ``now`` (default: the current time) is when the meeting starts, printed on the minutes. Opening before the
    scheduled time needs ``early_reason``, which the minutes print.
    """
    now = now or timezone.now()
    early_reason = (early_reason or "").strip()
    if "\x00" in early_reason:
        raise ValidationError(_("The reason contains a character that cannot be stored."), code="invalid")
    with transaction.atomic():
        locked = _locked(session, SessionStatus.DRAFT)
        if now < locked.scheduled_at and not early_reason:
            raise ValidationError(
                _(
                    "The session is scheduled for %(time)s: give the reason for opening it earlier (the minutes "
                    "print it)."
                )
                % {"time": timezone.localtime(locked.scheduled_at).strftime("%H:%M %d/%m/%Y")},
                code="early",
            )
        if not locked.agenda.exists():
            raise ValidationError(_("Put at least one nomination on the agenda first."), code="empty_agenda")
        members = list(CouncilMember.objects.filter(council_id=locked.council_id, is_active=True))
        if not members:
            raise ValidationError(_("This council has no active members."), code="no_members")
        SessionAttendance.objects.bulk_create(
            [SessionAttendance(session=locked, member=member, is_present=False) for member in members]
        )
        locked.status, locked.opened_at, locked.secretary = SessionStatus.OPEN, now, actor
        locked.early_opening_reason = early_reason if now < locked.scheduled_at else ""
        locked.members_total, locked.present_count = len(members), 0
        locked.save(
            update_fields=[
                "status", "opened_at", "secretary", "members_total", "present_count", "early_opening_reason",
                "updated_at",
            ]
        )  # fmt: skip
        _audit(locked, actor, "session.open", SessionStatus.DRAFT, {"members_total": len(members)})
    return _copy_state(session, locked)


def _audit(session: CouncilSession, actor, action: str, from_status: str, after: dict | None = None) -> None:
    """A line in the audit log for a step of the session (never anything about who voted or how)."""
    audit_record(
        actor=actor,
        action=action,
        obj=session,
        organization=session.council.organization,
        before={"status": from_status},
        after={"status": session.status, **(after or {})},
    )


def attendance_record(*, session: CouncilSession, present_member_ids, actor=None) -> CouncilSession:
    """Mark exactly ``present_member_ids`` present (every other member absent) and store the count."""
    present = {int(pk) for pk in present_member_ids}
    with transaction.atomic():
        locked = _locked(session, SessionStatus.OPEN)
        rows = SessionAttendance.objects.filter(session=locked)
        known = set(rows.values_list("member_id", flat=True))
        if not present <= known:
            raise ValidationError(_("Only members of this council can be marked present."), code="unknown_member")
        now = timezone.now()
        rows.filter(member_id__in=present).update(is_present=True, updated_at=now)
        rows.exclude(member_id__in=present).update(is_present=False, updated_at=now)
        locked.present_count = len(present)
        locked.save(update_fields=["present_count", "updated_at"])
        _audit(locked, actor, "session.attendance", locked.status, {"present": sorted(present)})
    return _copy_state(session, locked)


def quorum_fraction(session: CouncilSession) -> Fraction:
    """The strictest quorum among the awards on the agenda (two thirds when the agenda is empty)."""
    pairs = AgendaItem.objects.filter(session=session).values_list(
        "nomination__plan__award_type__quorum_numerator", "nomination__plan__award_type__quorum_denominator"
    )
    fractions = [Fraction(numerator, denominator) for numerator, denominator in pairs if numerator]
    return max(fractions, default=ballot_rules.TWO_THIRDS)


def quorum_status(session: CouncilSession) -> dict:
    """Whether the recorded attendance makes a quorum, and how many members that takes."""
    fraction = quorum_fraction(session)
    total = session.members_total
    return {
        "fraction": fraction,
        "required": ballot_rules.quorum_required(total, fraction),
        "is_met": ballot_rules.quorum_met(total, session.present_count, fraction),
    }


def item_threshold(item: AgendaItem) -> ballot_rules.Threshold:
    return ballot_rules.Threshold(
        item.threshold_percent, ballot_rules.Base(item.threshold_base), inclusive=item.threshold_inclusive
    )


def voting_start(*, session: CouncilSession, actor, now=None) -> CouncilSession:
    """Open → voting, only with a quorum: each item takes its award's threshold and the approvals it needs."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(session, SessionStatus.OPEN)
        quorum = quorum_status(locked)
        if not quorum["is_met"]:
            raise ValidationError(
                _(
                    "No quorum: %(present)s of %(total)s members are present; at least %(required)s must be "
                    "present before voting can start."
                )
                % {"present": locked.present_count, "total": locked.members_total, "required": quorum["required"]},
                code="no_quorum",
            )
        items = list(locked.agenda.select_related("nomination__plan__award_type", "nomination__person"))
        for item in items:
            _start_item(item, locked, now=now)
        _record_recusals(locked, items)
        locked.status, locked.voting_started_at = SessionStatus.VOTING, now
        locked.save(update_fields=["status", "voting_started_at", "updated_at"])
        _audit(locked, actor, "session.voting_start", SessionStatus.OPEN, {"present_count": locked.present_count})
        notices.voting_opened(session=locked)
    return _copy_state(session, locked)


def _start_item(item: AgendaItem, session: CouncilSession, *, now) -> None:
    reason = _voting_block_reason(item.nomination, now=now)
    if reason:
        raise ValidationError(
            _("%(nominee)s: %(reason)s Take it off the agenda before voting starts.")
            % {"nominee": item.nomination.recipient, "reason": reason},
            code="blocked",
        )
    # The award's rule as the catalogue states it in the version in force on the meeting date (with its basis).
    award = award_type_in_force(item.nomination.plan.award_type, session.meeting_date)
    item.threshold_percent, item.threshold_base = award.threshold_percent, award.threshold_base
    item.threshold_inclusive, item.threshold_basis = award.threshold_inclusive, award.threshold_basis
    item.needed = ballot_rules.needed_approvals(
        item_threshold(item), members=session.members_total, present=session.present_count
    )
    item.save(
        update_fields=[
            "threshold_percent",
            "threshold_base",
            "threshold_inclusive",
            "threshold_basis",
            "needed",
            "updated_at",
        ]
    )


def recusal_reasons(items, members) -> dict[tuple[int, int], str]:
    """{(item id, member id): reason} for members who may not vote on an item: the nominee themself, or a signer
    (the head) of the nominated unit."""
    members = list(members)
    people = dict(Person.objects.filter(user_id__in=[m.user_id for m in members]).values_list("user_id", "pk"))
    unit_ids = [item.nomination.organization_id for item in items if item.nomination.organization_id]
    heads = set(
        Membership.objects.filter(
            organization_id__in=unit_ids, role=Role.SIGNER, user_id__in=[m.user_id for m in members]
        ).values_list("organization_id", "user_id")
    )
    found = {}
    for item in items:
        nomination = item.nomination
        for member in members:
            if nomination.person_id and people.get(member.user_id) == nomination.person_id:
                found[(item.pk, member.pk)] = RecusalReason.NOMINEE
            elif nomination.organization_id and (nomination.organization_id, member.user_id) in heads:
                found[(item.pk, member.pk)] = RecusalReason.UNIT_HEAD
    return found


def _record_recusals(session: CouncilSession, items) -> None:
    members = CouncilMember.objects.filter(council_id=session.council_id, is_active=True)
    AgendaRecusal.objects.bulk_create(
        AgendaRecusal(item_id=item_id, member_id=member_id, reason=reason)
        for (item_id, member_id), reason in recusal_reasons(items, members).items()
    )


def ballot_items(session: CouncilSession, member: CouncilMember):
    """The agenda items on ``member``'s ballot paper: every item but those they are recused from."""
    return AgendaItem.objects.filter(session=session).exclude(recusals__member=member)


def _checked_choices(
    session: CouncilSession, choices: Mapping[int, str], member: CouncilMember
) -> dict[str, list[int]]:
    """{tally field: [item ids]} from one ballot paper; every item on it needs exactly one valid choice (an item
    the member is recused from is not on it)."""
    item_ids = set(ballot_items(session, member).values_list("pk", flat=True))
    if set(choices) != item_ids or any(choice not in VoteChoice.values for choice in choices.values()):
        raise ValidationError(_("Choose approve, reject or abstain for every nomination."), code="incomplete")
    grouped: dict[str, list[int]] = {}
    for item_id, choice in sorted(choices.items()):
        grouped.setdefault(TALLY_FIELDS[VoteChoice(choice)], []).append(item_id)
    return grouped


def ballot_cast(*, session: CouncilSession, member: CouncilMember, choices: Mapping[int, str]) -> None:
    """Count one present member's secret ballot, once.

    Records only that ``member`` voted (``BallotCast``) and adds to the items' tallies, in one transaction;
    a second ballot of the same member (even a concurrent one) is refused and changes nothing. Returns nothing
    on purpose: the caller learns only that the ballot was recorded.
    """
    with transaction.atomic():
        locked = _locked(session, SessionStatus.VOTING)
        if member.council_id != locked.council_id or not member.is_active:
            raise ValidationError(_("Only members of this council can vote."), code="not_member")
        if not SessionAttendance.objects.filter(session=locked, member=member, is_present=True).exists():
            raise ValidationError(_("Only members recorded as present can vote."), code="absent")
        grouped = _checked_choices(locked, choices, member)
        try:
            with transaction.atomic():
                BallotCast.objects.create(session=locked, member=member)
        except IntegrityError as error:
            raise ValidationError(_("You have already voted in this session."), code="already_voted") from error
        for field, item_ids in grouped.items():
            AgendaItem.objects.filter(session=locked, pk__in=item_ids).update(**{field: F(field) + 1})


def _written_counts(session: CouncilSession) -> dict[int, dict[str, int]]:
    """{agenda item id: {"approve": n, "reject": n}} of the absent members' written votes."""
    counts: dict[int, dict[str, int]] = {}
    rows = WrittenVote.objects.filter(session=session).values("item_id", "choice").annotate(n=Count("pk"))
    for row in rows:
        counts.setdefault(row["item_id"], {"approve": 0, "reject": 0})[row["choice"]] = row["n"]
    return counts


INCONSISTENT = "inconsistent"


def _inconsistent(detail: str) -> ValidationError:
    return ValidationError(
        _(
            "The vote cannot be closed: the recorded ballots do not add up (%(detail)s). The records of this session "
            "were changed outside the app; nothing was counted. Ask the system administrator to check them."
        )
        % {"detail": detail},
        code=INCONSISTENT,
    )


def _check_consistent(session: CouncilSession, items: list[AgendaItem]) -> None:
    """Refuse to count rows that cannot come from ``ballot_cast``: every item's tally must equal the number of
    ballots cast, ballots only from members recorded present, no more ballots than members present."""
    ballots = BallotCast.objects.filter(session=session)
    cast = ballots.count()
    present = SessionAttendance.objects.filter(session=session, is_present=True)
    if cast > session.present_count or present.count() != session.present_count:
        raise _inconsistent(
            _("%(cast)s ballots, %(present)s present") % {"cast": cast, "present": session.present_count}
        )
    if ballots.exclude(member_id__in=present.values("member_id")).exists():
        raise _inconsistent(_("a ballot from a member not recorded as present"))
    recused = dict(  # a recused member's ballot leaves the item out (awards/models/councils.py AgendaRecusal)
        AgendaRecusal.objects.filter(item__in=items, member_id__in=ballots.values("member_id"))
        .values("item_id")
        .annotate(n=Count("pk"))
        .values_list("item_id", "n")
    )
    for item in items:
        counted = item.approve_count + item.reject_count + item.abstain_count
        if counted != cast - recused.get(item.pk, 0):
            raise _inconsistent(
                _("%(nominee)s: %(counted)s votes counted, %(cast)s ballots cast")
                % {"nominee": item.nomination.recipient, "counted": counted, "cast": cast}
            )


def _count_item(item: AgendaItem, session: CouncilSession, written: dict[str, int]) -> bool:
    """Count one item against its threshold (written votes as its base says); store the result; approved?"""
    item.written_approve_count = written.get(WrittenChoice.APPROVE, 0)
    item.written_reject_count = written.get(WrittenChoice.REJECT, 0)
    try:
        result = _tally(item, session)
    except ValueError as error:  # counts the pure rule refuses (e.g. more written votes than absent members)
        raise _inconsistent(str(item.nomination.recipient)) from error
    item.result = AgendaResult.APPROVED if result.approved else AgendaResult.REJECTED
    item.needed = result.needed
    item.save(update_fields=["result", "needed", "written_approve_count", "written_reject_count", "updated_at"])
    return result.approved


def _tally(item: AgendaItem, session: CouncilSession) -> ballot_rules.BallotResult:
    return ballot_rules.tally_result(
        item.approve_count,
        item.reject_count,
        item.abstain_count,
        members=session.members_total,
        present=session.present_count,
        threshold=item_threshold(item),
        written_approve=item.written_approve_count,
        written_reject=item.written_reject_count,
    )


def _number_minutes(session: CouncilSession, now) -> None:
    """The minutes' number from the organisation's register of minutes (kind "minutes"), in its style."""
    organization = session.council.organization
    register, number = registers.register_take(
        organization=organization,
        kind=RegisterKind.MINUTES,
        year=timezone.localdate(now).year,
        symbol=registers.default_minutes_symbol(organization),
    )
    session.minutes_register, session.minutes_number = register, number
    session.minutes_style = organization.document_style
    session.minutes_number_text = document_number(number, register.symbol, style=session.minutes_style)
    session.save(
        update_fields=["minutes_register", "minutes_number", "minutes_number_text", "minutes_style", "updated_at"]
    )


def voting_close(*, session: CouncilSession, actor, now=None) -> CouncilSession:
    """Voting → closed, once: count every item against its threshold (absent members' written votes counting on an
    "all members" base), set the nominations approved or rejected, number the minutes from the organisation's
    register and render them after commit. ``now`` (default: the current time) is when the meeting ends."""
    now = now or timezone.now()
    with transaction.atomic():
        closed = CouncilSession.objects.filter(pk=session.pk, status=SessionStatus.VOTING).update(
            status=SessionStatus.CLOSED, closed_at=now, updated_at=now
        )
        if closed != 1:
            raise ValidationError(
                _("Voting in this session is not open (it may have just been closed)."), code="status"
            )
        locked = CouncilSession.objects.select_for_update().select_related("council__organization").get(pk=session.pk)
        items = list(
            AgendaItem.objects.filter(session=locked)
            .select_related("nomination__person", "nomination__organization")
            .order_by("pk")
        )
        _check_consistent(locked, items)
        outcome: dict[str, list[int]] = {NominationStatus.APPROVED: [], NominationStatus.REJECTED: []}
        written = _written_counts(locked)
        for item in items:
            approved = _count_item(item, locked, written.get(item.pk, {}))
            outcome[NominationStatus.APPROVED if approved else NominationStatus.REJECTED].append(item.nomination_id)
        for status, nomination_ids in outcome.items():
            Nomination.objects.filter(pk__in=nomination_ids, status=NominationStatus.PROPOSED).update(
                status=status, updated_at=timezone.now()
            )
        _number_minutes(locked, now)
        results = {str(item.nomination_id): item.result for item in items}
        _audit(locked, actor, "session.voting_close", SessionStatus.VOTING, {"results": results})
        _enqueue_minutes(locked.pk)  # an outbox row in this transaction, published after commit
    return _copy_state(session, locked)


MINUTES_RENDER_TASK = "awards.minutes_render"  # awards/councils/tasks.py


def _enqueue_minutes(session_id: int) -> None:
    outbox.enqueue(MINUTES_RENDER_TASK, session_id=session_id)
