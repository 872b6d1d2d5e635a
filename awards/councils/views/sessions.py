"""Session pages: create, the session page (agenda, attendance, progress, results, minutes), agenda changes,
the secretary's steps (open, start voting, close voting; each confirmed first) and the minutes download.

Tallies are shown only once the session is closed; before that, only how many members have voted.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.councils import selectors as sel
from awards.councils.forms import AttendanceForm, SessionForm
from awards.councils.services import ballots as ballot
from awards.councils.services import councils as svc
from awards.councils.views.councils import council_for
from awards.enums import SessionStatus
from awards.models import Nomination
from common.converters import bounded_id
from common.files import private_file_response
from common.forms import add_service_errors
from organizations.views.common import paginate, search_term

DETAIL = "awards/councils/session_detail.html"
CANDIDATES_PAGE_SIZE = 20

STEPS = {
    "open": {
        "status": SessionStatus.DRAFT,
        "label": gettext_lazy("Open the session"),
        "text": gettext_lazy(
            "The agenda is then fixed and you record which members are present. Every active member of the council "
            "is listed as absent until you mark them present."
        ),
        "success": gettext_lazy("The session is open: record who is present."),
    },
    "start": {
        "status": SessionStatus.OPEN,
        "label": gettext_lazy("Start voting"),
        "text": gettext_lazy(
            "Attendance is then fixed. Each present member votes once, from their own browser, by secret ballot."
        ),
        "success": gettext_lazy("Voting has started. Present members can now cast their ballot."),
    },
    "close": {
        "status": SessionStatus.VOTING,
        "label": gettext_lazy("Close voting"),
        "text": gettext_lazy(
            "No more ballots are accepted. The votes are counted against each award's threshold, the nominations are "
            "approved or rejected and the minutes are generated. This cannot be undone."
        ),
        "success": gettext_lazy("Voting is closed and the results are counted. The minutes are being generated."),
    },
}


def session_for(request, pk: int, *, perm: str | None = None):
    """The session ``pk`` if the user may see it (else 404), and holds ``perm`` on it when given (else 403)."""
    session = sel.session_get_for_user(request.user, pk=pk)
    if session is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk: int):
    council = council_for(request, pk, perm="awards.add_councilsession")
    form = SessionForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            session = svc.session_create(council=council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session was created. Put nominations on its agenda."))
            return redirect("awards:session-detail", pk=session.pk)
    return render(request, "awards/councils/session_form.html", {"form": form, "council": council})


def _voter_context(request, session) -> dict:
    member = sel.session_member_for(session, request.user)
    if member is None or session.status not in (SessionStatus.VOTING, SessionStatus.CLOSED):
        return {"member": member, "is_present": False, "has_voted": False}
    return {
        "member": member,
        "is_present": sel.is_present(session, member),
        "has_voted": sel.has_voted(session, member),
    }


def _detail_context(request, session, *, attendance_form=None) -> dict:
    can_change = request.user.has_perm("awards.change_councilsession", session)
    can_run = request.user.has_perm("awards.run_councilsession", session)
    context = {
        "session": session,
        "council": session.council,
        "items": list(sel.agenda_list(session)),
        "can_edit_agenda": can_change and session.status == SessionStatus.DRAFT,
        "can_run": can_run,
        "ballots": sel.ballot_count(session) if session.status != SessionStatus.DRAFT else 0,
        "can_see_minutes": request.user.has_perm("awards.view_minutes_councilsession", session),
        "can_propose": session.status == SessionStatus.CLOSED and request.user.has_perm("awards.add_proposal", session),
        **_voter_context(request, session),
    }
    if session.status != SessionStatus.DRAFT:
        attendance = list(sel.attendance_list(session))
        context["attendance"] = attendance
        context["quorum"] = ballot.quorum_status(session)
        if can_run and session.status == SessionStatus.OPEN:
            context["attendance_form"] = attendance_form or AttendanceForm(attendance=attendance)
        if can_run and session.status == SessionStatus.VOTING:
            context["can_record_minutes"] = True
            counts = sel.written_vote_counts(session)
            for row in attendance:
                row.written_count = counts.get(row.member_id, 0)
            context["committee"] = [
                seat.member.full_name
                for seat in session.counting_committee.select_related("member").order_by("position")
            ]
    elif context["can_edit_agenda"]:
        query = search_term(request)
        candidates = sel.nomination_candidates(session, search=query)
        context |= {"q": query, **paginate(request, candidates, per_page=CANDIDATES_PAGE_SIZE)}
    return context


@login_required
@require_GET
def session_detail(request, pk: int):
    """The session page; with htmx, only the live part (ballot progress, minutes status) for polling."""
    session = session_for(request, pk, perm="awards.view_councilsession")
    if request.htmx:
        if request.GET.get("status") and request.GET["status"] != session.status:
            return HttpResponse(headers={"HX-Refresh": "true"})  # the step changed: reload the whole page
        context = {"session": session, "ballots": sel.ballot_count(session), **_voter_context(request, session)}
        context["can_see_minutes"] = request.user.has_perm("awards.view_minutes_councilsession", session)
        return render(request, f"{DETAIL}#live", context)
    return render(request, DETAIL, _detail_context(request, session))


@login_required
@require_POST
def agenda_add(request, pk: int):
    session = session_for(request, pk, perm="awards.change_councilsession")
    # Only nominations of campaigns under the council's organisation are found: an outsider's id is a 404 whether
    # it exists or not (the service then decides whether this one may go on the agenda, with a clear message).
    scope = Nomination.objects.filter(
        plan__campaign__launching_organization__path__startswith=session.council.organization.path
    )
    nomination = get_object_or_404(scope, pk=bounded_id(request.POST.get("nomination")) or 0)
    try:
        svc.agenda_add(session=session, nomination=nomination)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(nominee)s was put on the agenda.") % {"nominee": nomination.recipient})
    return redirect("awards:session-detail", pk=session.pk)


@login_required
@require_POST
def agenda_remove(request, pk: int, item_pk: int):
    session = session_for(request, pk, perm="awards.change_councilsession")
    item = get_object_or_404(session.agenda.all(), pk=item_pk)
    try:
        svc.agenda_remove(session=session, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The nomination was taken off the agenda."))
    return redirect("awards:session-detail", pk=session.pk)


@login_required
@require_POST
def attendance_record(request, pk: int):
    session = session_for(request, pk, perm="awards.run_councilsession")
    form = AttendanceForm(request.POST, attendance=list(sel.attendance_list(session)))
    if form.is_valid():
        try:
            ballot.attendance_record(
                session=session, present_member_ids=form.cleaned_data["present"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("awards:session-detail", pk=session.pk)
    return render(request, DETAIL, _detail_context(request, session, attendance_form=form))


def _run_step(request, session, step: str):
    if step == "open":
        reason = request.POST.get("early_reason", "")[:2000]
        return ballot.session_open(session=session, actor=request.user, early_reason=reason)
    if step == "start":
        return ballot.voting_start(session=session, actor=request.user)
    return ballot.voting_close(session=session, actor=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def session_step(request, pk: int, step: str):
    """Confirmation page (GET), then the secretary's step (POST): open, start voting or close voting."""
    if step not in STEPS:
        raise Http404
    session = session_for(request, pk, perm="awards.run_councilsession")
    config = STEPS[step]
    if request.method == "POST":
        try:
            _run_step(request, session, step)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, config["success"])
        return redirect("awards:session-detail", pk=session.pk)
    if session.status != config["status"]:
        messages.info(
            request,
            _("This step is not possible now: the session is “%(status)s”.") % {"status": session.get_status_display()},
        )
        return redirect("awards:session-detail", pk=session.pk)
    context = {"session": session, "step": step, "config": config}
    if step == "open":
        context["is_early"] = timezone.now() < session.scheduled_at
    if step == "start":
        context["quorum"] = ballot.quorum_status(session)
    return render(request, "awards/councils/session_confirm.html", context)


@login_required
@require_GET
def minutes_download(request, pk: int):
    """The minutes PDF as an attachment, for the council's members and its organisation's officers."""
    session = session_for(request, pk, perm="awards.view_minutes_councilsession")
    return private_file_response(
        session.minutes_file.name, filename=f"bien-ban-kiem-phieu-{session.pk}.pdf", content_type="application/pdf"
    )
