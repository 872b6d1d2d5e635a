"""Proposal pages: the list, creating one from a closed council session, the detail with the step forms of whoever
may act, one POST endpoint for the steps, and the printable history. Invisible proposals are 404; a visible one's
step the user may not take is 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.councils.views.sessions import session_for
from awards.enums import CheckResult, ItemDecision, ProposalStatus
from awards.nominations.reasons import explain_all
from awards.proposals import selectors as sel
from awards.proposals import services as svc
from organizations.enums import Role
from organizations.models import Membership
from organizations.views.common import paginate

SEND, HANDLE, CHECK = "awards.send_proposal", "awards.handle_proposal", "awards.check_proposal"


def proposal_for(request, pk: int, perm: str | None = None):
    proposal = sel.proposal_get_for_user(request.user, pk=pk)
    if proposal is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, proposal):
        raise PermissionDenied
    return proposal


@login_required
@require_GET
def proposal_list(request):
    status = request.GET.get("status", "")
    status = status if status in ProposalStatus.values else ""
    context = paginate(request, sel.proposal_list_for_user(request.user, status=status))
    sel.set_due_dates(context["object_list"])
    context |= {"status": status, "statuses": ProposalStatus.choices}
    return render(request, "awards/proposals/proposal_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, pk: int):
    """GET: the session's approved nominations beyond its organisation's authority; POST: the draft proposal."""
    session = session_for(request, pk, perm="awards.add_proposal")
    if request.method == "POST":
        try:
            proposal = svc.proposal_create(
                session=session, actor=request.user, cover_note=request.POST.get("cover_note", "")[:4000]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("awards:session-detail", pk=session.pk)
        messages.success(request, _("The draft proposal was created. Check it, then submit it."))
        return redirect("awards:proposal-detail", pk=proposal.pk)
    context = {"session": session, "nominations": svc.proposable_nominations(session)}
    return render(request, "awards/proposals/proposal_create.html", context)


def _specialists(proposal):
    """Accounts of the upper organisation that can check: its officers and reviewers."""
    users = Membership.objects.filter(organization=proposal.recipient, role__in=[Role.OFFICER, Role.REVIEWER]).values(
        "user_id"
    )
    return get_user_model().objects.filter(pk__in=users).order_by("username")


@login_required
@require_GET
def proposal_detail(request, pk: int):
    proposal = proposal_for(request, pk, "awards.view_proposal")
    sel.set_due_dates([proposal])
    items = list(
        proposal.items.select_related(
            "nomination__plan__award_type", "nomination__person", "nomination__organization"
        ).prefetch_related("nomination__documents")
    )
    for item in items:
        item.reasons = explain_all(item.nomination.eligibility)
    user = request.user
    context = {
        "proposal": proposal,
        "items": items,
        "events": list(proposal.events.select_related("actor")),
        "can_send": user.has_perm(SEND, proposal),
        "can_handle": user.has_perm(HANDLE, proposal),
        "can_check": user.has_perm(CHECK, proposal),
        "specialists": list(_specialists(proposal)) if user.has_perm(HANDLE, proposal) else [],
        "check_results": CheckResult.choices,
        "item_decisions": ItemDecision.choices,
    }
    return render(request, "awards/proposals/proposal_detail.html", context)


def _item(proposal, request):
    raw = request.POST.get("item", "")
    item = (
        proposal.items.select_related("nomination__person", "nomination__organization")
        .filter(pk=int(raw) if raw.isdigit() else 0)
        .first()
    )
    if item is None:
        raise ValidationError(_("Choose one of the proposal's nominees."))
    return item


def _specialist(request, proposal):
    raw = request.POST.get("specialist", "")
    return _specialists(proposal).filter(pk=int(raw) if raw.isdigit() else 0).first()


# action → (the permission its side needs, the step); each step gets (request, proposal, reason).
STEPS = {
    "submit": (SEND, lambda r, p, why: svc.proposal_submit(proposal=p, actor=r.user)),
    "recall": (SEND, lambda r, p, why: svc.proposal_recall(proposal=p, actor=r.user, reason=why)),
    "receive": (HANDLE, lambda r, p, why: svc.proposal_receive(proposal=p, actor=r.user)),
    "assign": (
        HANDLE,
        lambda r, p, why: svc.proposal_assign(proposal=p, specialist=_specialist(r, p), actor=r.user),
    ),
    "check_item": (
        CHECK,
        lambda r, p, why: svc.item_check(item=_item(p, r), result=r.POST.get("result", ""), reason=why, actor=r.user),
    ),
    "checked": (CHECK, lambda r, p, why: svc.proposal_checked(proposal=p, actor=r.user)),
    "return": (HANDLE, lambda r, p, why: svc.proposal_return(proposal=p, actor=r.user, reason=why)),
    "to_council": (HANDLE, lambda r, p, why: svc.proposal_to_council(proposal=p, actor=r.user)),
    "decide_item": (
        HANDLE,
        lambda r, p, why: svc.item_decide(
            item=_item(p, r), decision=r.POST.get("decision", ""), reason=why, actor=r.user
        ),
    ),
    "decided": (HANDLE, lambda r, p, why: svc.proposal_decided(proposal=p, actor=r.user)),
    "draft_decision": (HANDLE, lambda r, p, why: svc.proposal_decision_create(proposal=p, actor=r.user)),
    "close": (HANDLE, lambda r, p, why: svc.proposal_close(proposal=p, actor=r.user)),
}


def _step(request, proposal, action: str) -> str:
    """Run one step, checking the permission its side needs; returns the success message."""
    if action not in STEPS:
        raise ValidationError(_("Unknown step."))
    perm, step = STEPS[action]
    if not request.user.has_perm(perm, proposal):
        raise PermissionDenied
    step(request, proposal, request.POST.get("reason", "")[:4000])
    proposal.refresh_from_db()
    return _("Done: the proposal is now “%(status)s”.") % {"status": proposal.get_status_display()}


@login_required
@require_POST
def proposal_act(request, pk: int):
    """One step of the proposal's road (the ``action`` field), refused with a message when not possible now."""
    proposal = proposal_for(request, pk, "awards.view_proposal")
    try:
        text = _step(request, proposal, request.POST.get("action", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text)
    return redirect("awards:proposal-detail", pk=proposal.pk)


@login_required
@require_GET
def proposal_history(request, pk: int):
    """The dossier's history, printable: every step with who, when, what and why."""
    proposal = proposal_for(request, pk, "awards.view_proposal")
    events = list(proposal.events.select_related("actor"))
    items = list(
        proposal.items.select_related("nomination__person", "nomination__organization", "nomination__plan__award_type")
    )
    return render(
        request, "awards/proposals/proposal_history.html", {"proposal": proposal, "events": events, "items": items}
    )
