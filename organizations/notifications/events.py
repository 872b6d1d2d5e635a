"""What each kind of notification says: a title and a body with named blanks, filled from the caller's context.

Kept apart from the services so that the wording of every event is read in one place; the texts are translated
(Vietnamese first) and filled under Vietnamese when a notification is written.
"""

from django.utils.translation import gettext_lazy as _

from organizations.enums import NotificationEvent as E

MESSAGES = {
    E.CAMPAIGN_LAUNCHED: (
        _("Campaign launched: {campaign}"),
        _("{organization} launched the campaign “{campaign}” ({start} – {end}). Register and score on its page."),
    ),
    E.PHASE_OPENED: (
        _("Submissions open: {phase} – {campaign}"),
        _("Self-scoring of {participant} for {phase} is open from {opens} until {deadline}."),
    ),
    E.DEADLINE_SOON: (
        _("Deadline in {days} days: {phase} – {campaign}"),
        _("{participant} has not submitted its self-scoring for {phase}; the deadline is {deadline}."),
    ),
    E.OVERDUE: (
        _("Overdue: {phase} – {campaign}"),
        _("The deadline of {deadline} has passed and {participant} has not submitted its self-scoring for {phase}."),
    ),
    E.REMINDER: (
        _("Reminder: {phase} – {campaign}"),
        _("{organization} reminds {participant} to finish its self-scoring for {phase} (deadline {deadline}). {note}"),
    ),
    E.SUBMISSION_RETURNED: (
        _("Submission returned: {participant} – {phase}"),
        _("The self-scoring of {participant} for {phase} of “{campaign}” was returned for changes. Reason: {reason}"),
    ),
    E.SUBMISSION_APPROVED: (
        _("Submission approved: {participant} – {phase}"),
        _("The self-scoring of {participant} for {phase} of “{campaign}” was approved."),
    ),
    E.RANKING_PUBLISHED: (
        _("Results published: {campaign}"),
        _("The campaign “{campaign}” has been finalised and its ranking is published."),
    ),
    E.NOMINATION_MADE: (
        _("Nominated: {nominee} – {award}"),
        _("{nominee} has been nominated for “{award}” in the campaign “{campaign}”."),
    ),
    E.DISCLOSURE_OPENED: (
        _("Public disclosure opened: {award}"),
        _("The nominees for “{award}”, {nominee} among them, are publicly disclosed until {until}."),
    ),
    E.SESSION_INVITATION: (
        _("Council session: {session}"),
        _("You are invited to the session “{session}” of {council} on {date}."),
    ),
    E.VOTING_OPENED: (
        _("Voting opened: {session}"),
        _("Secret voting has started at the session “{session}” of {council}. Please cast your ballot."),
    ),
    E.DECISION_TO_SIGN: (
        _("Draft decision waiting for your signature: {decision}"),
        _("A draft award decision of {organization} waits for your signature: {decision}."),
    ),
    E.DECISION_ISSUED: (
        _("Award decision issued: {number}"),
        _("{organization} issued decision {number}: {recipients}."),
    ),
}


class _Blank(dict):
    """A context that leaves a missing blank empty instead of failing a domain service over a wording slip."""

    def __missing__(self, key: str) -> str:
        return ""


def render_message(event: str, context: dict) -> tuple[str, str]:
    """The title and body of ``event`` with ``context`` filled in (in the active language)."""
    title, body = MESSAGES[event]
    values = _Blank({key: "" if value is None else str(value) for key, value in context.items()})
    return str(title).format_map(values)[:300], str(body).format_map(values).strip()
