"""The minutes of a council session (biên bản kiểm phiếu): what the secretary records for them while voting (the
chair, the counting committee, the place name, absent members' written votes), what they print, and their PDF.

Secrecy: the minutes print the present members' tallies only, never who chose what. Absent members' written votes
are named by nature (a signed letter) and printed as such, apart from the tallies; they count towards the result
only when the award's threshold is a share of all members (``awards.councils.tally``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.councils import tally as ballot_rules
from awards.councils.services.ballots import quorum_status
from awards.documents import MinutesData, MinutesRow, MinutesThreshold, render_minutes
from awards.documents.data import MinutesWrittenVote
from awards.enums import AgendaResult, CouncilRole, SessionStatus, WrittenChoice
from awards.models import AgendaItem, AgendaRecusal, CouncilMember, CouncilSession, CountingCommitteeSeat, WrittenVote
from common.documents import STATE
from common.pdf.once import PdfSlot, render_pdf_once
from common.pdf.signing import sign_pdf

WRITTEN_CHOICE_TEXT = {WrittenChoice.APPROVE: "Đồng ý", WrittenChoice.REJECT: "Không đồng ý"}


def _locked_voting(session: CouncilSession) -> CouncilSession:
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.VOTING:
        raise ValidationError(
            _("The minutes' details are recorded while voting is open (attendance is then fixed)."), code="status"
        )
    return locked


def _present_members(session: CouncilSession) -> dict[int, CouncilMember]:
    rows = session.attendance.filter(is_present=True).select_related("member")
    return {row.member_id: row.member for row in rows}


def minutes_details_record(
    *, session: CouncilSession, chair_id: int | None, committee_ids: Iterable[int], place_name: str
) -> CouncilSession:
    """Record who chairs the meeting and who counts the votes (Ban kiểm phiếu, its head first), all among the
    members present, and the place name printed before the minutes' date. Only while voting is open."""
    committee = [int(pk) for pk in committee_ids]
    with transaction.atomic():
        locked = _locked_voting(session)
        present = _present_members(locked)
        if chair_id is not None and int(chair_id) not in present:
            raise ValidationError({"chair": _("The chair must be a member present at the session.")}, code="chair")
        if any(pk not in present for pk in committee) or len(set(committee)) != len(committee):
            raise ValidationError(
                {"committee": _("The counting committee is chosen among the members present, each once.")},
                code="committee",
            )
        locked.chair_id = int(chair_id) if chair_id is not None else None
        locked.place_name = (place_name or "").strip()
        locked.save(update_fields=["chair", "place_name", "updated_at"])
        CountingCommitteeSeat.objects.filter(session=locked).delete()
        CountingCommitteeSeat.objects.bulk_create(
            CountingCommitteeSeat(session=locked, member_id=pk, position=index) for index, pk in enumerate(committee)
        )
    session.chair_id, session.place_name = locked.chair_id, locked.place_name
    return session


def written_votes_record(
    *, session: CouncilSession, member: CouncilMember, votes: Mapping[int, tuple[str, str]], actor
) -> int:
    """Record an absent member's written votes: {agenda item id: (approve | reject, written opinion)}; an item
    left out has no written vote (a previous one is removed). Only for members recorded absent, while voting is
    open. Returns how many written votes the member now has.

    Named by nature, these rows are never mixed into the secret tallies (see ``WrittenVote``).
    """
    with transaction.atomic():
        locked = _locked_voting(session)
        if member.council_id != locked.council_id:
            raise ValidationError(_("Only members of this council can vote."), code="not_member")
        if member.pk in _present_members(locked):
            raise ValidationError(
                _("A member present at the session votes by secret ballot, not in writing."), code="present"
            )
        items = set(AgendaItem.objects.filter(session=locked).values_list("pk", flat=True))
        if not set(votes) <= items or any(choice not in WrittenChoice.values for choice, _text in votes.values()):
            raise ValidationError(_("Choose approve or reject for the nominations on the agenda."), code="invalid")
        recused = set(
            AgendaRecusal.objects.filter(item__session=locked, member=member).values_list("item_id", flat=True)
        )
        if set(votes) & recused:
            raise ValidationError(_("The member is recused from a nomination and does not vote on it."), code="recused")
        WrittenVote.objects.filter(session=locked, member=member).exclude(item_id__in=list(votes)).delete()
        for item_id, (choice, opinion) in votes.items():
            WrittenVote.objects.update_or_create(
                item_id=item_id,
                member=member,
                defaults={
                    "session": locked,
                    "choice": choice,
                    "opinion": (opinion or "").strip(),
                    "recorded_by": actor,
                },
            )
        return len(votes)


# --- what the minutes print ------------------------------------------------------------------------------------


def _percent_text(percent) -> str:
    return format(percent.normalize(), "f").replace(".", ",")


def threshold_rule_text(item: AgendaItem) -> str:
    """The approval rule as the catalogue states it, in Vietnamese words (the minutes are an official Vietnamese
    document): "từ 80% trở lên tổng số thành viên Hội đồng đồng ý, kể cả ý kiến bằng văn bản của thành viên vắng
    mặt (cần ít nhất 4 phiếu đồng ý)"."""
    counts_all = item.threshold_base == ballot_rules.Base.ALL
    base = "tổng số thành viên Hội đồng" if counts_all else "số thành viên có mặt"
    percent = _percent_text(item.threshold_percent)
    share = f"từ {percent}% trở lên" if item.threshold_inclusive else f"trên {percent}%"
    written = (
        ", kể cả ý kiến bằng văn bản của thành viên vắng mặt"
        if counts_all
        else "; ý kiến bằng văn bản của thành viên vắng mặt không được tính"
    )
    basis = f", theo {item.threshold_basis}" if item.threshold_basis else ""
    return f"{share} {base} đồng ý{written} (cần ít nhất {item.needed} phiếu đồng ý{basis})"


def _member_name(session: CouncilSession, *, role: str, user_id=None) -> str:
    members = CouncilMember.objects.filter(council_id=session.council_id)
    if user_id is not None:
        member = members.filter(user_id=user_id).first()
        if member is not None:
            return member.full_name
    member = members.filter(role=role, is_active=True).first()
    return member.full_name if member else ""


def _chair(session: CouncilSession) -> CouncilMember | None:
    """Who chaired: as recorded, else the council's active chair."""
    if session.chair_id:
        return session.chair
    return CouncilMember.objects.filter(council_id=session.council_id, role=CouncilRole.CHAIR, is_active=True).first()


def _row(item: AgendaItem, *, members: int, present: int) -> MinutesRow:
    counted = item.threshold_base == ballot_rules.Base.ALL
    approvals = item.approve_count + (item.written_approve_count if counted else 0)
    base = members if counted else present
    share = ballot_rules.approve_share(approvals, base) if base else None
    return MinutesRow(
        nominee=str(item.nomination.recipient),
        award=item.nomination.plan.award_type.name,
        approve=item.approve_count,
        reject=item.reject_count,
        abstain=item.abstain_count,
        is_approved=item.result == AgendaResult.APPROVED,
        written_approve=item.written_approve_count,
        written_reject=item.written_reject_count,
        written_counted=counted,
        share=f"{_percent_text(share)}%" if share is not None else "",
    )


def _issuer(session: CouncilSession) -> str:
    """The council's name without its organisation's (printed on the line above it)."""
    name, organization = session.council.name.upper(), session.council.organization.name.upper()
    if name.endswith(organization) and len(name) > len(organization):
        name = name[: -len(organization)].strip(" -–")
    return name


def _written_votes(session: CouncilSession) -> list[MinutesWrittenVote]:
    votes = session.written_votes.select_related("member", "item__nomination__person", "item__nomination__organization")
    return [
        MinutesWrittenVote(
            member=vote.member.full_name,
            nominee=str(vote.item.nomination.recipient),
            choice=WRITTEN_CHOICE_TEXT[vote.choice],
            opinion=vote.opinion,
        )
        for vote in votes.order_by("member__full_name", "item__position", "item__pk")
    ]


def minutes_data(session: CouncilSession) -> MinutesData:
    """What the minutes print, from a closed session: counts and names of attendees only, never a present member's
    choice; absent members' written votes apart, named."""
    items = list(
        session.agenda.select_related(
            "nomination__person", "nomination__organization", "nomination__plan__award_type"
        ).order_by("position", "pk")
    )
    thresholds: dict[str, MinutesThreshold] = {}
    for item in items:
        award = item.nomination.plan.award_type.name
        thresholds.setdefault(award, MinutesThreshold(award=award, rule=threshold_rule_text(item)))
    attendance = list(session.attendance.select_related("member").order_by("member__full_name"))
    committee = session.counting_committee.select_related("member").order_by("position", "pk")
    chair = _chair(session)
    organization = session.council.organization
    return MinutesData(
        council_name=_issuer(session),
        superior=organization.name.upper(),
        style=session.minutes_style or organization.document_style or STATE,
        number=session.minutes_number_text,
        session_title=session.title,
        place=session.place_name,
        room=session.place,
        date=session.meeting_date,
        started_at=timezone.localtime(session.opened_at) if session.opened_at else None,
        ended_at=timezone.localtime(session.closed_at) if session.closed_at else None,
        members_total=session.members_total,
        present_count=session.present_count,
        is_quorum_met=quorum_status(session)["is_met"],
        thresholds=list(thresholds.values()),
        rows=[_row(item, members=session.members_total, present=session.present_count) for item in items],
        chair_name=chair.full_name if chair else "",
        chair_title=chair.title if chair else "",
        secretary_name=_member_name(session, role=CouncilRole.SECRETARY, user_id=session.secretary_id),
        present_names=[row.member.full_name for row in attendance if row.is_present],
        absent_names=[row.member.full_name for row in attendance if not row.is_present],
        committee=[seat.member.full_name for seat in committee],
        written_votes=_written_votes(session),
        scheduled_at=timezone.localtime(session.scheduled_at) if session.early_opening_reason else None,
        early_opening_reason=session.early_opening_reason,
        recusals=recusal_lines(session),
    )


RECUSAL_TEXT = {"nominee": "là người được đề nghị", "unit_head": "là người đứng đầu đơn vị được đề nghị"}


def recusal_lines(session: CouncilSession) -> list[str]:
    """The minutes' line per recusal (Vietnamese, the document's language): who did not vote on which item, why."""
    rows = AgendaRecusal.objects.filter(item__session=session).select_related(
        "member", "item__nomination__person", "item__nomination__organization"
    )
    return [
        f"Thành viên {row.member.full_name} không biểu quyết đối với {row.item.nomination.recipient} "
        f"({RECUSAL_TEXT.get(row.reason, row.reason)})"
        for row in rows.order_by("item__position", "item__pk", "member__full_name")
    ]


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
        CouncilSession.objects.select_related("council__organization", "chair"),
        pk=session_id,
        slot=MINUTES_SLOT,
        ready=lambda session: session.status == SessionStatus.CLOSED,
        name=lambda session: f"awards/minutes/session-{session.pk}.pdf",
        render=lambda session: sign_pdf(
            render_minutes(minutes_data(session)),
            reason=f"Biên bản số {session.minutes_number_text}",
            location=session.place_name,
        ),
    )
