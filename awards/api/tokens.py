"""API tokens: create (shown once), revoke, and authenticate a presented token by its SHA-256 digest.

A token is 32 random bytes (``secrets.token_urlsafe``) behind a readable ``td_`` prefix: guessing one is out of
reach, so a fast digest is enough (a slow password hash would only slow every API call down).
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from awards.models import ApiToken

TOKEN_PREFIX = "td_"  # noqa: S105 - a readable marker, not a secret
PREFIX_SHOWN = 10


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, organization, name: str, actor) -> tuple[ApiToken, str]:
    """Create a token for ``organization``; returns the row and the clear token, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization=organization,
        name=name.strip()[:100],
        prefix=raw[:PREFIX_SHOWN],
        digest=token_digest(raw),
        created_by=actor,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> bool:
    """Revoke ``token`` from now on; False when it was already revoked (nothing changes)."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    return bool(changed)


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token matching ``raw`` (its organisation loaded), or None; records when it was last used."""
    if not raw or len(raw) > 200 or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("organization")
        .filter(digest=token_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.organization.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
