"""How every campaign view reaches its campaign: invisible → 404, visible but forbidden → 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaigns import selectors
from campaigns.models import Campaign


def campaign_for(request, pk: int, *, perm: str | None = None) -> Campaign:
    """The campaign ``pk`` if the user may see it (else 404), and holds ``perm`` on it when given (else 403)."""
    campaign = selectors.campaign_get_for_user(request.user, pk=pk)
    if campaign is None:
        raise Http404
    if perm is not None and not request.user.has_perm(perm, campaign):
        raise PermissionDenied
    return campaign
