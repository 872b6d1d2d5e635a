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
