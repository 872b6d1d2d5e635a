"""How the plan, nomination and disclosure views reach their objects: invisible → 404, visible but forbidden → 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from awards.models import Nomination
from awards.nominations.selectors import nomination_get_for_user
from campaigns.access import campaign_for
from campaigns.models import Campaign

MANAGE = "awards.manage_awardplan"


def officer_campaign(request, pk: int) -> Campaign:
    """The campaign when the user is one of its officers; anyone else gets a 404 (plans are the officers' work)."""
    campaign = campaign_for(request, pk)
    if not request.user.has_perm(MANAGE, campaign):
        raise Http404
    return campaign


def nomination_for(request, campaign_pk: int, pk: int, *, perm: str | None = None) -> Nomination:
    """The nomination when the user may see it (else 404) and holds ``perm`` on it when given (else 403)."""
    campaign = campaign_for(request, campaign_pk)
    nomination = nomination_get_for_user(request.user, campaign=campaign, pk=pk)
    if nomination is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, nomination):
        raise PermissionDenied
    return nomination
