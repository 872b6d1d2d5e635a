"""A council session's secret ballot: open and record attendance, start voting, cast ballots, close, minutes.

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
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

import outbox
from awards.councils import tally as ballot_rules
from awards.councils.services.councils import _voting_block_reason
from awards.documents import MinutesData, MinutesRow, MinutesThreshold, render_minutes
from awards.enums import AgendaResult, CouncilRole, NominationStatus, SessionStatus, VoteChoice
from awards.models import AgendaItem, BallotCast, CouncilMember, CouncilSession, Nomination, SessionAttendance
from common.pdf.once import PdfSlot, render_pdf_once

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
    for name in ("status", "members_total", "present_count", "opened_at", "voting_started_at", "closed_at"):
        setattr(target, name, getattr(source, name))
    target.secretary_id = source.secretary_id
    return target


def session_open(*, session: CouncilSession, actor) -> CouncilSession:
    """In preparation → open: one attendance row (absent) per active member; the actor is the session's secretary."""
    with transaction.atomic():
        locked = _locked(session, SessionStatus.DRAFT)
        if not locked.agenda.exists():
            raise ValidationError(_("Put at least one nomination on the agenda first."), code="empty_agenda")
        members = list(CouncilMember.objects.filter(council_id=locked.council_id, is_active=True))
        if not members:
            raise ValidationError(_("This council has no active members."), code="no_members")
        SessionAttendance.objects.bulk_create(
            [SessionAttendance(session=locked, member=member, is_present=False) for member in members]
        )
        locked.status, locked.opened_at, locked.secretary = SessionStatus.OPEN, timezone.now(), actor
        locked.members_total, locked.present_count = len(members), 0
        locked.save(update_fields=["status", "opened_at", "secretary", "members_total", "present_count", "updated_at"])
    return _copy_state(session, locked)


def attendance_record(*, session: CouncilSession, present_member_ids) -> CouncilSession:
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
        locked.status, locked.voting_started_at = SessionStatus.VOTING, now
        locked.save(update_fields=["status", "voting_started_at", "updated_at"])
    return _copy_state(session, locked)


def _start_item(item: AgendaItem, session: CouncilSession, *, now) -> None:
    reason = _voting_block_reason(item.nomination, now=now)
    if reason:
        raise ValidationError(
            _("%(nominee)s: %(reason)s Take it off the agenda before voting starts.")
            % {"nominee": item.nomination.recipient, "reason": reason},
            code="blocked",
        )
    award = item.nomination.plan.award_type
    item.threshold_percent, item.threshold_base = award.threshold_percent, award.threshold_base
    item.threshold_inclusive = award.threshold_inclusive
    item.needed = ballot_rules.needed_approvals(
        item_threshold(item), members=session.members_total, present=session.present_count
    )
    item.save(update_fields=["threshold_percent", "threshold_base", "threshold_inclusive", "needed", "updated_at"])


def _checked_choices(session: CouncilSession, choices: Mapping[int, str]) -> dict[str, list[int]]:
    """{tally field: [item ids]} from one ballot paper; every agenda item needs exactly one valid choice."""
    item_ids = set(AgendaItem.objects.filter(session=session).values_list("pk", flat=True))
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
        grouped = _checked_choices(locked, choices)
        try:
            with transaction.atomic():
                BallotCast.objects.create(session=locked, member=member)
        except IntegrityError as error:
            raise ValidationError(_("You have already voted in this session."), code="already_voted") from error
        for field, item_ids in grouped.items():
            AgendaItem.objects.filter(session=locked, pk__in=item_ids).update(**{field: F(field) + 1})


def voting_close(*, session: CouncilSession, actor) -> CouncilSession:
    """Voting → closed, once: count every item against its threshold, set the nominations approved or rejected,
    and render the minutes after commit."""
    now = timezone.now()
    with transaction.atomic():
        closed = CouncilSession.objects.filter(pk=session.pk, status=SessionStatus.VOTING).update(
            status=SessionStatus.CLOSED, closed_at=now, updated_at=now
        )
        if closed != 1:
            raise ValidationError(
                _("Voting in this session is not open (it may have just been closed)."), code="status"
            )
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        outcome: dict[str, list[int]] = {NominationStatus.APPROVED: [], NominationStatus.REJECTED: []}
        for item in AgendaItem.objects.filter(session=locked).order_by("pk"):
            result = ballot_rules.tally_result(
                item.approve_count,
                item.reject_count,
                item.abstain_count,
                members=locked.members_total,
                present=locked.present_count,
                threshold=item_threshold(item),
            )
            item.result = AgendaResult.APPROVED if result.approved else AgendaResult.REJECTED
            item.needed = result.needed
            item.save(update_fields=["result", "needed", "updated_at"])
            key = NominationStatus.APPROVED if result.approved else NominationStatus.REJECTED
            outcome[key].append(item.nomination_id)
        for status, nomination_ids in outcome.items():
            Nomination.objects.filter(pk__in=nomination_ids, status=NominationStatus.PROPOSED).update(
                status=status, updated_at=now
            )
        _enqueue_minutes(locked.pk)  # an outbox row in this transaction, published after commit
    return _copy_state(session, locked)


MINUTES_RENDER_TASK = "awards.minutes_render"  # awards/councils/tasks.py


def _enqueue_minutes(session_id: int) -> None:
    outbox.enqueue(MINUTES_RENDER_TASK, session_id=session_id)


# --- minutes (biên bản kiểm phiếu) ---------------------------------------------------------------------------------


def _percent_text(percent) -> str:
    return format(percent.normalize(), "f").replace(".", ",")


def threshold_rule_text(item: AgendaItem) -> str:
    """The approval rule in Vietnamese words (the minutes are an official Vietnamese document, like the PDF layer's
    fixed phrases): "từ 90% trở lên tổng số thành viên Hội đồng đồng ý (cần ít nhất 9 phiếu)"."""
    base = "tổng số thành viên Hội đồng" if item.threshold_base == ballot_rules.Base.ALL else "số thành viên có mặt"
    percent = _percent_text(item.threshold_percent)
    share = f"từ {percent}% trở lên" if item.threshold_inclusive else f"trên {percent}%"
    return f"{share} {base} đồng ý (cần ít nhất {item.needed} phiếu đồng ý)"


def _member_name(session: CouncilSession, *, role: str, user_id=None) -> str:
    members = CouncilMember.objects.filter(council_id=session.council_id)
    if user_id is not None:
        member = members.filter(user_id=user_id).first()
        if member is not None:
            return member.full_name
    member = members.filter(role=role, is_active=True).first()
    return member.full_name if member else ""


def minutes_data(session: CouncilSession):
    """What the minutes print, from a closed session: counts and names of attendees only, never a member's choice."""
    items = list(
        session.agenda.select_related(
            "nomination__person", "nomination__organization", "nomination__plan__award_type"
        ).order_by("position", "pk")
    )
    thresholds: dict[str, MinutesThreshold] = {}
    for item in items:
        award = item.nomination.plan.award_type.name
        thresholds.setdefault(award, MinutesThreshold(award=award, rule=threshold_rule_text(item)))
    absent = session.attendance.filter(is_present=False).select_related("member").order_by("member__full_name")
    return MinutesData(
        council_name=session.council.name.upper(),
        session_title=session.title,
        place=session.place,
        date=timezone.localdate(session.scheduled_at),
        members_total=session.members_total,
        present_count=session.present_count,
        is_quorum_met=quorum_status(session)["is_met"],
        thresholds=list(thresholds.values()),
        rows=[
            MinutesRow(
                nominee=str(item.nomination.recipient),
                award=item.nomination.plan.award_type.name,
                approve=item.approve_count,
                reject=item.reject_count,
                abstain=item.abstain_count,
                is_approved=item.result == AgendaResult.APPROVED,
            )
            for item in items
        ],
        chair_name=_member_name(session, role=CouncilRole.CHAIR),
        secretary_name=_member_name(session, role=CouncilRole.SECRETARY, user_id=session.secretary_id),
        absent_names=[row.member.full_name for row in absent],
    )


MINUTES_SLOT = PdfSlot(
    status="minutes_status",
    file="minutes_file",
    sha256="minutes_sha256",
    error="minutes_error",
    claimed_at="minutes_claimed_at",
)


def minutes_render(*, session_id: int) -> CouncilSession | None:
    """Render the minutes of a closed session into ``minutes_file`` + ``minutes_sha256`` (once: a session whose
    minutes file is there with its hash is left as it is; see common/pdf/once.py)."""
    return render_pdf_once(
        CouncilSession.objects.select_related("council"),
        pk=session_id,
        slot=MINUTES_SLOT,
        ready=lambda session: session.status == SessionStatus.CLOSED,
        name=lambda session: f"awards/minutes/session-{session.pk}.pdf",
        render=lambda session: render_minutes(minutes_data(session)),
    )
