"""Writes of the public part: a comment sent by the public, its moderation, an organisation's publication choice."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import CommentStatus, Publication, PublicComment
from awards.nominations.services.disclosure import disclosure_comment_add


def public_comment_send(*, disclosure, author_name: str, contact: str, body: str, nomination=None) -> PublicComment:
    """Hold a comment from the public page until an officer moderates it; only while the disclosure is open."""
    now = timezone.now()
    if not disclosure.starts_at <= now < disclosure.ends_at:
        raise ValidationError(_("The disclosure is not open: comments are closed."))
    if nomination is not None and not disclosure.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": [_("Choose a nomination of this list.")]})
    return PublicComment.objects.create(
        disclosure=disclosure,
        nomination=nomination,
        author_name=author_name.strip()[:150],
        contact=contact.strip()[:200],
        body=body.strip(),
    )


@transaction.atomic
def public_comment_moderate(*, comment: PublicComment, accept: bool, actor) -> bool:
    """Accept (it joins the disclosure's recorded comments and shows publicly) or reject a waiting comment; False
    when someone moderated it already."""
    status = CommentStatus.ACCEPTED if accept else CommentStatus.REJECTED
    claimed = PublicComment.objects.filter(pk=comment.pk, status=CommentStatus.PENDING).update(
        status=status, moderated_by=actor, moderated_at=timezone.now()
    )
    if claimed and accept:
        disclosure_comment_add(
            disclosure=comment.disclosure,
            body=comment.body,
            author_name=comment.author_name,
            actor=actor,
            nomination=comment.nomination,
            on_paper=True,  # received outside the system's logins, recorded by the officer
        )
    return bool(claimed)


def publication_save(*, organization, publish_rankings: bool, publish_decisions: bool, actor) -> Publication:
    publication, _created = Publication.objects.update_or_create(
        organization=organization,
        defaults={"publish_rankings": publish_rankings, "publish_decisions": publish_decisions, "updated_by": actor},
    )
    return publication
