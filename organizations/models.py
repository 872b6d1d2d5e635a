"""Organisations, blocs, people and role memberships: the base every other app builds on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.db import TimeStampedModel, choices_check
from common.search import SearchTextModel
from organizations.enums import (
    AccountAction,
    BlocKind,
    BlocRole,
    DocumentStyle,
    EmailStatus,
    Gender,
    ImportKind,
    ImportStatus,
    NotificationDelivery,
    NotificationEvent,
    OrganizationKind,
    Role,
)


class Organization(SearchTextModel, TimeStampedModel):
    """A node of the organisation tree (any depth, no hard-coded levels).

    ``path`` is a materialised path of zero-padded ids (``/0000000001/0000000005/``) so that "this
    organisation and everything below it" is one indexed prefix query; services keep it in step with
    ``parent``.
    """

    SEARCH_FIELDS = ("name", "short_name", "code")

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices, default=OrganizationKind.UNIT)
    # Set from the kind when the organisation is created (Party bodies: Party); an admin may change it.
    document_style = models.CharField(
        _("document style"),
        max_length=10,
        choices=DocumentStyle.choices,
        default=DocumentStyle.STATE,
        help_text=_("How its decisions, minutes and certificates are laid out: State or Party documents."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    path = models.CharField(_("tree path"), max_length=500, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        related_name="merged_from",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        constraints = [
            choices_check("kind", OrganizationKind, "organizations_organization_kind_valid"),
            choices_check("document_style", DocumentStyle, "organizations_organization_document_style_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="organizations_organization_not_own_parent"
            ),
        ]
        indexes = [
            # organization_list_for_user / organization_descendants: prefix match on the path.
            models.Index(fields=["path"], name="org_path_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        """Ids on the path from the root down to (and including) this organisation."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class OrganizationChange(TimeStampedModel):
    """History of renames, moves and mergers: who changed what, from which value to which."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), related_name="changes", on_delete=models.CASCADE
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="organization_changes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    changes = models.JSONField(_("changes"), default=dict)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("organisation change")
        verbose_name_plural = _("organisation changes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.created_at:%Y-%m-%d}"


class EmulationBloc(SearchTextModel, TimeStampedModel):
    """A khối (same function) or cụm (same area) grouping organisations for one year."""

    SEARCH_FIELDS = ("name", "code")

    code = models.CharField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=BlocKind.choices, default=BlocKind.BLOC)
    year = models.PositiveSmallIntegerField(_("year"))
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organising body"),
        related_name="organized_blocs",
        on_delete=models.PROTECT,
        help_text=_("The body that runs the bloc and whose officers manage it."),
    )
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        Organization, through="BlocMember", related_name="blocs", verbose_name=_("member organisations")
    )

    class Meta:
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="organizations_emulationbloc_unique_code_year"),
            choices_check("kind", BlocKind, "organizations_emulationbloc_kind_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2200), name="organizations_emulationbloc_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class BlocMember(TimeStampedModel):
    bloc = models.ForeignKey(
        EmulationBloc, verbose_name=_("bloc"), related_name="memberships", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), related_name="bloc_memberships", on_delete=models.PROTECT
    )
    role = models.CharField(_("role in bloc"), max_length=20, choices=BlocRole.choices, default=BlocRole.MEMBER)

    class Meta:
        verbose_name = _("bloc member")
        verbose_name_plural = _("bloc members")
        ordering = ["bloc", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "organization"], name="organizations_blocmember_unique_org"),
            models.UniqueConstraint(
                fields=["bloc"], condition=Q(role=BlocRole.LEADER), name="organizations_blocmember_one_leader"
            ),
            choices_check("role", BlocRole, "organizations_blocmember_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.get_role_display()}"


class Person(SearchTextModel, TimeStampedModel):
    """A staff member. ``code`` (mã cán bộ) is the natural key used by imports."""

    SEARCH_FIELDS = ("full_name", "code", "position")

    code = models.CharField(_("staff code"), max_length=50, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), related_name="people", on_delete=models.PROTECT
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        related_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["organization__path", "full_name"]
        constraints = [choices_check("gender", Gender, "organizations_person_gender_valid")]

    def __str__(self) -> str:
        return self.full_name


class Membership(TimeStampedModel):
    """A user holds a role in an organisation. Officers reach the whole subtree; scorers one unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "organization__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="organizations_membership_unique_role"
            ),
            choices_check("role", Role, "organizations_membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class ImportJob(TimeStampedModel):
    """One upload of organisations or people; processed all-or-nothing by a Celery task."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    file_name = models.CharField(_("file name"), max_length=255)
    # Kept in the database so any worker machine can read it; the upload size is capped in settings.
    content = models.BinaryField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="import_jobs",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            choices_check("kind", ImportKind, "organizations_importjob_kind_valid"),
            choices_check("status", ImportStatus, "organizations_importjob_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}


class AuditEntry(models.Model):
    """One line of the audit log: who did what to which object, when, before → after, and why.

    Append-only: the database refuses UPDATE and DELETE (triggers in migration 0003). The table is created by that
    migration (``managed = False``) so a test flush never tries to empty it. The actor and the organisation are kept
    as ids without a foreign-key constraint plus a snapshot of their names (and the organisation's tree path, which
    the viewer's reach filters on): deleting a user or an organisation never has to touch the log. There is no
    ``updated_at``: a line is never updated.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
    )
    organization_path = models.CharField(_("organisation path"), max_length=500, blank=True)
    organization_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=60)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        managed = False
        db_table = "organizations_auditentry"
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type} {self.object_id}"


class Notification(TimeStampedModel):
    """One message to one user (the bell), and where its e-mail stands.

    Written by ``organizations.notifications.services.notify`` in the transaction of the change it tells about;
    the e-mail is sent by a Celery task that claims the row first, so a redelivered task sends nothing twice.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), related_name="notifications", on_delete=models.CASCADE
    )
    event = models.CharField(_("event"), max_length=30, choices=NotificationEvent.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="notifications",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Events a beat task may find twice (deadline reminders): one notification per recipient and key.
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    email_status = models.CharField(_("e-mail"), max_length=20, choices=EmailStatus.choices, default=EmailStatus.NONE)
    email_to = models.EmailField(_("e-mail address"), blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    email_error = models.TextField(_("last sending error"), blank=True)
    email_claimed_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            choices_check("event", NotificationEvent, "organizations_notification_event_valid"),
            choices_check("email_status", EmailStatus, "organizations_notification_email_status_valid"),
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="organizations_notification_unique_key",
            ),
        ]
        indexes = [
            # notifications.selectors.notification_list_for_user: a user's notifications, newest first.
            models.Index(fields=["recipient", "-created_at"], name="org_notification_recipient"),
            # notifications.selectors.unread_count (the bell on every page): the unread rows only.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="org_notification_unread"),
            # notifications.services: the digest and the retry sweep look for rows waiting or failed.
            models.Index(
                fields=["email_status"],
                condition=Q(email_status__in=["digest", "failed", "sending", "pending"]),
                name="org_notification_mail_todo",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(TimeStampedModel):
    """How one kind of notification reaches one user; without a row: in the app and by e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="notification_preferences",
        on_delete=models.CASCADE,
    )
    event = models.CharField(_("event"), max_length=30, choices=NotificationEvent.choices)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=NotificationDelivery.choices, default=NotificationDelivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "event"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="organizations_notificationpreference_unique"),
            choices_check("event", NotificationEvent, "organizations_notificationpreference_event_valid"),
            choices_check("delivery", NotificationDelivery, "organizations_notificationpreference_delivery_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_event_display()}: {self.get_delivery_display()}"


class AccountSettings(TimeStampedModel):
    """Per-login settings kept beside Django's user: a forced password change and the calendar feed's token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="account_settings", on_delete=models.CASCADE
    )
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)
    # A secret in the iCalendar feed's URL; empty = no feed. Regenerating it revokes the previous link.
    calendar_token = models.CharField(_("calendar token"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("account settings")
        verbose_name_plural = _("account settings")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_token"],
                condition=~Q(calendar_token=""),
                name="organizations_accountsettings_unique_calendar_token",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class AccountEvent(TimeStampedModel):
    """The account journal: who did what to which login, and when (roles with their scope)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), related_name="account_events", on_delete=models.CASCADE
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        related_name="account_actions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    action = models.CharField(_("action"), max_length=30, choices=AccountAction.choices)
    role = models.CharField(_("role"), max_length=30, blank=True, default="")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        related_name="account_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-created_at", "-pk"]
        constraints = [choices_check("action", AccountAction, "organizations_accountevent_action_valid")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_action_display()}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role
