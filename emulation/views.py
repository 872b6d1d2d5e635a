"""The home page: what this person has to do, by role.

It lives in the project package because it gathers to-dos from every app (apps depend one way:
awards → scoring → campaigns → organizations; only ``emulation`` sees them all).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from awards import todos as award_todos
from campaigns import selectors as campaign_selectors
from organizations import selectors
from organizations.enums import Role
from organizations.reach import reach_for
from scoring.progress import selectors as progress_selectors
from scoring.review import selectors as review_selectors
from scoring.submissions import selectors as self_selectors
from scoring.submissions.feedback import returned_list_for_user


def _officer_summary(user) -> dict:
    organizations = selectors.organization_list_for_user(user)
    return {
        "organization_count": organizations.count(),
        "person_count": selectors.person_list_for_user(user).count(),
        "recent_imports": list(selectors.import_job_list_for_user(user)[:5]),
        "officer_campaigns": list(campaign_selectors.campaigns_needing_attention(user)[:10]),
        # The figures of the progress dashboard itself (scoring/progress/selectors.py), never counted apart.
        "campaign_progress": progress_selectors.home_progress(user, limit=5),
    }


@login_required
def home(request):
    user = request.user
    reach = reach_for(user)
    memberships = list(selectors.membership_list_for_user(user))
    roles = {m.role for m in memberships}
    context = {
        "memberships": memberships,
        "is_officer": reach.is_superuser or bool(roles & {Role.OFFICER, Role.ADMIN}),
        "is_scorer": Role.SCORER in roles,
        "is_reviewer": Role.REVIEWER in roles,
        "is_council": bool(roles & {Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY}),
        "is_signer": Role.SIGNER in roles,
        "scorer_units": [m.organization for m in memberships if m.role == Role.SCORER],
        "registrations_due": list(campaign_selectors.registrations_due_for_user(user)[:20]),
        "open_phases": self_selectors.submission_list_for_user(user),
        "returned": returned_list_for_user(user),
        # What waits at a review level this person holds (a reviewer, the head, a bloc member cross-checking).
        "review_waiting": review_selectors.review_waiting_count(user),
    }
    context["council_sessions"] = list(award_todos.council_sessions_for_user(user)[:10])
    context["is_council"] = context["is_council"] or bool(context["council_sessions"])
    if context["is_signer"]:
        context["decisions_to_sign"] = list(award_todos.decisions_to_sign(user)[:10])
    if context["is_officer"]:
        context |= _officer_summary(user)
    return render(request, "home.html", context)
