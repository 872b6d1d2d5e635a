"""The secretary's pages for the minutes while voting is open: the place name, the chair and the counting committee
(among the members present), and each absent member's written votes. Before voting or after closing they are
refused with a message; another council's session is 404, a member who is not the secretary 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awards.councils import selectors as sel
from awards.councils.forms import MinutesDetailsForm, WrittenVotesForm
from awards.councils.services import minutes as svc
from awards.councils.views.sessions import session_for
from awards.enums import CouncilRole, SessionStatus
from awards.models import CouncilMember
from common.forms import add_service_errors


def _voting_or_back(request, session):
    if session.status == SessionStatus.VOTING:
        return None
    messages.info(request, _("The minutes' details are recorded while voting is open (attendance is then fixed)."))
    return redirect("awards:session-detail", pk=session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_details(request, pk: int):
    """Place name, chair and counting committee (Ban kiểm phiếu), chosen among the members present."""
    session = session_for(request, pk, perm="awards.run_councilsession")
    if (back := _voting_or_back(request, session)) is not None:
        return back
    present = [row.member for row in sel.attendance_list(session) if row.is_present]
    committee = sel.committee_ids(session)
    default_chair = session.chair_id or next((m.pk for m in present if m.role == CouncilRole.CHAIR), None)
    initial = {
        "place_name": session.place_name,
        "chair": default_chair,
        "committee_head": committee[0] if committee else None,
        "committee": committee[1:],
    }
    form = MinutesDetailsForm(request.POST or None, initial=initial, present=present)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.minutes_details_record(
                session=session,
                chair_id=data["chair"],
                committee_ids=data["committee_ids"],
                place_name=data["place_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes' details were saved."))
            return redirect("awards:session-detail", pk=session.pk)
    return render(request, "awards/councils/minutes_details.html", {"session": session, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def written_votes(request, pk: int, member_pk: int):
    """One absent member's written votes (approve or reject, with the opinion), per nominee on the agenda."""
    session = session_for(request, pk, perm="awards.run_councilsession")
    member = get_object_or_404(CouncilMember, pk=member_pk, council_id=session.council_id)
    if (back := _voting_or_back(request, session)) is not None:
        return back
    items = list(sel.agenda_list(session))
    form = WrittenVotesForm(request.POST or None, items=items, initial_votes=sel.written_votes_of(session, member))
    if request.method == "POST" and form.is_valid():
        try:
            svc.written_votes_record(session=session, member=member, votes=form.votes(), actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The written votes of %(name)s were saved.") % {"name": member.full_name})
            return redirect("awards:session-detail", pk=session.pk)
    context = {"session": session, "member": member, "form": form}
    return render(request, "awards/councils/written_votes_form.html", context)
