"""The ballot paper of a present member: fill it in, confirm, submit once.

Secrecy: the choices travel only in the member's own POST requests (the confirmation page carries them in hidden
fields); they are never stored in the session, a message or a log line, and the request's POST data is marked
sensitive so that error reports leave it out. After submitting, the member sees only "your ballot was recorded".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from awards.councils import selectors as sel
from awards.councils.forms import BallotForm
from awards.councils.services import ballots as ballot
from awards.councils.views.sessions import session_for
from awards.enums import SessionStatus, VoteChoice
from awards.nominations.reasons import explain_all
from common.files import private_file_response
from common.forms import add_service_errors
from common.uploads import CONTENT_TYPES as UPLOAD_CONTENT_TYPES


def _voter(request, session):
    """The user's seat, if they may vote in this session (403 for non-members and absent members)."""
    member = sel.session_member_for(session, request.user)
    if member is None or not sel.is_present(session, member):
        raise PermissionDenied
    return member


@sensitive_variables()
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def ballot_paper(request, pk: int):
    session = session_for(request, pk, perm="awards.vote_councilsession")
    if session.status != SessionStatus.VOTING:
        messages.info(request, _("Voting is not open in this session."))
        return redirect("awards:session-detail", pk=session.pk)
    member = _voter(request, session)
    context = {"session": session, "recused_count": session.agenda.filter(recusals__member=member).count()}
    if sel.has_voted(session, member):
        return render(request, "awards/councils/ballot_done.html", context)
    # The member's own paper: the items they are recused from (their own nomination, their unit's) are not on it.
    items = list(sel.agenda_list(session).exclude(recusals__member=member))
    for item in items:
        item.reasons = explain_all(item.nomination.eligibility)
    form = BallotForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST:
            try:
                ballot.ballot_cast(session=session, member=member, choices=form.choices())
            except ValidationError as error:
                if error.code == "already_voted":
                    messages.error(request, " ".join(error.messages))
                    return redirect("awards:session-ballot", pk=session.pk)
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your ballot was recorded. Thank you."))
                return redirect("awards:session-ballot", pk=session.pk)
        elif "edit" not in request.POST:
            labels = dict(VoteChoice.choices)
            rows = [(item, field.value(), labels[field.value()]) for item, field in form.rows()]
            return render(request, "awards/councils/ballot_confirm.html", context | {"rows": rows})
    return render(request, "awards/councils/ballot_form.html", context | {"form": form})


def _item(request, pk: int, item_pk: int):
    session = session_for(request, pk, perm="awards.view_councilsession")
    return session, get_object_or_404(sel.agenda_list(session), pk=item_pk)


@login_required
@require_GET
def item_dossier(request, pk: int, item_pk: int):
    """One agenda item's dossier for the council: the ranking snapshot, eligibility with its reasons, the files."""
    session, item = _item(request, pk, item_pk)
    context = {
        "session": session,
        "item": item,
        "nomination": item.nomination,
        "reasons": explain_all(item.nomination.eligibility),
        "documents": list(item.nomination.documents.order_by("kind", "created_at")),
        "recusals": list(item.recusals.select_related("member")),
    }
    return render(request, "awards/councils/item_dossier.html", context)


@login_required
@require_GET
def item_document_download(request, pk: int, item_pk: int, doc_pk: int):
    """A file of an agenda item's dossier, as an attachment, for those who see the session."""
    _session, item = _item(request, pk, item_pk)
    document = get_object_or_404(item.nomination.documents.all(), pk=doc_pk)
    return private_file_response(
        document.file.name, filename=document.original_name, content_type=UPLOAD_CONTENT_TYPES[document.file_type]
    )
