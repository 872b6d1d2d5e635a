from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched")
    SCORING_CLOSED = "scoring_closed", _("Scoring closed")
    FINALISED = "finalised", _("Finalised")
    ARCHIVED = "archived", _("Archived")


class ParticipantScope(models.TextChoices):
    COLLECTIVE = "collective", _("Collectives only")
    INDIVIDUAL = "individual", _("Individuals only")
    BOTH = "both", _("Collectives and individuals")


class ParticipantKind(models.TextChoices):
    COLLECTIVE = "collective", pgettext_lazy("participant kind", "Collective")
    INDIVIDUAL = "individual", pgettext_lazy("participant kind", "Individual")


class PhaseCombination(models.TextChoices):
    WEIGHTED = "weighted", _("Weighted combination of phases")
    LAST_PHASE = "last_phase", _("Last phase only")


# Allowed lifecycle moves: from status -> {action: to status}.
TRANSITIONS: dict[str, dict[str, str]] = {
    CampaignStatus.DRAFT: {"launch": CampaignStatus.LAUNCHED},
    CampaignStatus.LAUNCHED: {"close_scoring": CampaignStatus.SCORING_CLOSED},
    CampaignStatus.SCORING_CLOSED: {"reopen_scoring": CampaignStatus.LAUNCHED, "finalise": CampaignStatus.FINALISED},
    CampaignStatus.FINALISED: {"archive": CampaignStatus.ARCHIVED},
    CampaignStatus.ARCHIVED: {},
}


class CriterionMethod(models.TextChoices):
    """How a criterion's base points come about; same values as ``points.BaseKind`` (a test keeps them in step)."""

    STANDARD = "standard", _("Standard points; only what went wrong is entered")
    YES_NO_PARTS = "yes_no_parts", _("Yes / no parts")
    BANDS = "bands", _("Bands of a typed value")
    TARGET = "target", _("Achievement against a target")
    COUNT_MINIMUM = "count_minimum", _("Count with a required minimum")
    LOOKUP = "lookup", _("Two-way lookup (size × value)")
    MANUAL = "manual", _("Points entered by hand")
    RELATIVE_TO_LEADER = "relative_to_leader", _("Relative to the leading unit")


class CriterionKind(models.TextChoices):
    """Same values as ``points.Role``: a regular criterion, or one whose points are table bonus or penalty."""

    REGULAR = "regular", _("Regular criterion")
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")


class RuleKind(models.TextChoices):
    """A rule line inside a criterion; same values as ``points.RuleKind``."""

    DEDUCTION = "deduction", _("Deduction")
    BONUS = "bonus", _("Bonus")
    EITHER = "either", _("Yes adds, no deducts")
    STEP_BONUS = "step_bonus", _("Bonus per step above a threshold")
    GATE = "gate", _("Not classified if yes")


class RulePer(models.TextChoices):
    OCCURRENCE = "occurrence", _("Per occurrence")
    ONCE = "once", _("Once")


class RelativeScope(models.TextChoices):
    BLOC = "bloc", _("The leader of the unit's bloc")
    CAMPAIGN = "campaign", _("The leader of the whole campaign")


class ReviewLevel(models.TextChoices):
    """A level of review (the campaign lists them in order)."""

    BLOC_MEMBER = "bloc_member", _("Cross-checking by another member of the bloc")
    BLOC_LEADER = "bloc_leader", _("Cross-checking by the bloc's leader")
    REVIEWER = "reviewer", _("The launching organisation's reviewer")
    HEAD = "head", _("Approval by the launching organisation's head")


class ProductType(models.TextChoices):
    SCHEME = "scheme", _("Scheme (đề án)")
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    ARTICLE = "article", _("Article")
    INITIATIVE = "initiative", _("Initiative")
    OTHER = "other", _("Other")


class ProductStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")
