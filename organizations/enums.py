from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    PARTY_BODY = "party_body", _("Party body")
    STATE_AGENCY = "state_agency", _("State agency")
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Province or city")
    DEPARTMENT = "department", _("Department")
    COMMUNE = "commune", _("Commune or ward")
    MASS_ORGANIZATION = "mass_organization", _("Mass organisation")
    UNIT = "unit", _("Unit")
    OTHER = "other", _("Other")


class DocumentStyle(models.TextChoices):
    """Which system of administrative documents an organisation writes (its decisions, minutes, certificates)."""

    STATE = "state", _("State (Decree 30/2020/NĐ-CP)")
    PARTY = "party", _("Party (Regulation 66-QĐ/TW, Guidance 36-HD/VPTW)")


def default_document_style(kind: str) -> str:
    """Party bodies write Party documents; every other kind writes State documents."""
    return DocumentStyle.PARTY if kind == OrganizationKind.PARTY_BODY else DocumentStyle.STATE


class BlocKind(models.TextChoices):
    BLOC = "bloc", pgettext_lazy("emulation bloc (same function)", "Bloc")
    CLUSTER = "cluster", pgettext_lazy("emulation cluster (same area)", "Cluster")


class BlocRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Member")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    OFFICER = "officer", _("Campaign officer")
    SCORER = "scorer", _("Unit scorer")
    REVIEWER = "reviewer", _("Reviewer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    SIGNER = "signer", _("Signer")
    ADMIN = "admin", _("Administrator")


# Roles whose reach covers the organisation and every organisation below it.
TREE_ROLES = frozenset({Role.OFFICER, Role.REVIEWER, Role.ADMIN, Role.SIGNER})


class ImportKind(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Rejected")


class NotificationEvent(models.TextChoices):
    """What a notification is about (each user chooses how each kind reaches them)."""

    CAMPAIGN_LAUNCHED = "campaign_launched", _("Campaign launched")
    PHASE_OPENED = "phase_opened", _("Phase open for submissions")
    DEADLINE_SOON = "deadline_soon", _("Submission deadline approaching")
    OVERDUE = "overdue", _("Submission overdue")
    REMINDER = "reminder", _("Reminder from the officer")
    SUBMISSION_RETURNED = "submission_returned", _("Submission returned")
    SUBMISSION_APPROVED = "submission_approved", _("Submission approved")
    RANKING_PUBLISHED = "ranking_published", _("Ranking published")
    NOMINATION_MADE = "nomination_made", _("Nominated for an award")
    DISCLOSURE_OPENED = "disclosure_opened", _("Public disclosure opened")
    SESSION_INVITATION = "session_invitation", _("Council session invitation")
    VOTING_OPENED = "voting_opened", _("Council voting opened")
    DECISION_TO_SIGN = "decision_to_sign", _("Draft decision waiting for signature")
    DECISION_ISSUED = "decision_issued", _("Award decision issued")


class NotificationDelivery(models.TextChoices):
    """How one kind of notification reaches a user."""

    IMMEDIATE = "immediate", _("In the app and by e-mail at once")
    DIGEST = "digest", _("In the app and in a daily e-mail digest")
    APP = "app", _("In the app only")
    OFF = "off", _("Not at all")


class EmailStatus(models.TextChoices):
    """Where a notification's e-mail stands (a sent one is never sent again)."""

    NONE = "none", _("No e-mail")
    PENDING = "pending", _("Waiting to be sent")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (will be retried)")


class AccountAction(models.TextChoices):
    """What happened to a login (the account journal, ``AccountEvent``)."""

    CREATED = "created", _("Login created")
    ROLE_GRANTED = "role_granted", _("Role given")
    ROLE_REVOKED = "role_revoked", _("Role removed")
    DEACTIVATED = "deactivated", _("Login deactivated")
    ACTIVATED = "activated", _("Login reactivated")
    PASSWORD_CHANGE_REQUIRED = "password_change_required", _("Password change required at next login")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset by e-mail")
    CALENDAR_TOKEN = "calendar_token", _("Calendar link regenerated")
    CALENDAR_REVOKED = "calendar_revoked", _("Calendar link revoked")
