"""Campaign and phase forms: input shape only; services enforce dates, overlaps and states."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.enums import ReviewLevel
from campaigns.models import Campaign, Phase, default_review_levels
from common.uploads import PDF, check_upload
from organizations.forms import OrganizationTreeChoiceField
from organizations.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", _("Save")))
    return helper


LEVEL_SLOTS = len(ReviewLevel.values)  # a level appears at most once


class ReviewLevelsWidget(forms.MultiWidget):
    """One select per place in the order of review ("1st level", "2nd level", …)."""

    def __init__(self, attrs=None):
        choices = [("", "—"), *ReviewLevel.choices]
        widgets = [forms.Select(choices=choices, attrs={"class": "form-select mb-1"}) for _slot in range(LEVEL_SLOTS)]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        levels = [level for level in (value or []) if level]
        return levels + [""] * (LEVEL_SLOTS - len(levels))


class ReviewLevelsField(forms.MultiValueField):
    """The campaign's review levels in order; empty means the default (the launching organisation's reviewer)."""

    widget = ReviewLevelsWidget

    def __init__(self, **kwargs):
        fields = [forms.ChoiceField(choices=ReviewLevel.choices, required=False) for _slot in range(LEVEL_SLOTS)]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        levels = [level for level in (data_list or []) if level]
        if len(set(levels)) != len(levels):
            raise ValidationError(_("Each review level can appear only once."), code="duplicate")
        return levels or default_review_levels()


class CampaignForm(forms.ModelForm):
    launching_organization = OrganizationTreeChoiceField(
        queryset=Organization.objects.none(), label=_("Launching organisation")
    )
    review_levels = ReviewLevelsField(
        label=_("Review levels, in order"),
        help_text=_(
            "Who reviews the self-scoring, one level after the other; the last level's approval verifies it. "
            "Leave empty for the launching organisation's reviewer only."
        ),
    )
    note = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        required=False,
        help_text=_("Required once the campaign has been launched: the correction is recorded."),
    )

    class Meta:
        model = Campaign
        fields = ["launching_organization", *Campaign.EDITABLE_FIELDS]
        widgets = {
            "plan_date": DATE,
            "start_date": DATE,
            "end_date": DATE,
            "interim_review_date": DATE,
            "final_review_date": DATE,
            "theme": forms.Textarea(attrs={"rows": 2}),
            "objectives": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, organization_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["launching_organization"].queryset = organization_choices
        if self.instance.pk:
            # The launching organisation is fixed once the campaign exists.
            del self.fields["launching_organization"]
            if self.instance.is_draft:
                del self.fields["note"]
        else:
            del self.fields["note"]
        self.helper = _helper()
        self.helper.layout = _campaign_layout(self.fields)

    def clean_plan_document(self):
        document = self.cleaned_data.get("plan_document")
        if document and hasattr(document, "content_type"):  # a new upload, not the file already stored
            check_upload(document, allowed={PDF})
        return document


def _pair(fields, *names) -> Row:
    """Put related fields side by side on wide screens (only those the form has)."""
    return Row(*[Column(name, css_class="col-md") for name in names if name in fields])


def _campaign_layout(fields) -> Layout:
    return Layout(
        *[name for name in ("launching_organization",) if name in fields],
        _pair(fields, "kind", "plan_number", "plan_date"),
        _pair(fields, "signer_name", "signer_title"),
        "name",
        "theme",
        "objectives",
        _pair(fields, "start_date", "end_date"),
        _pair(fields, "interim_review_date", "final_review_date"),
        _pair(fields, "participant_scope", "phase_combination", "min_products_per_unit"),
        "registration_required",
        *[name for name in ("review_levels",) if name in fields],
        "plan_document",
        *[name for name in ("note",) if name in fields],
    )


class PhaseForm(forms.ModelForm):
    """A phase: its activity period, and apart from it the window in which units hand in (hạn nộp)."""

    class Meta:
        model = Phase
        fields = ["name", "theme", "start_date", "end_date", "weight", "submission_opens", "submission_deadline"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "submission_opens": DATE,
            "submission_deadline": DATE,
            "theme": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "submission_opens": _("Empty: from the first day of the phase."),
            "submission_deadline": _("Empty: until the last day of the phase."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            "name",
            "theme",
            Row(Column("start_date", css_class="col-md"), Column("end_date", css_class="col-md")),
            "weight",
            Row(Column("submission_opens", css_class="col-md"), Column("submission_deadline", css_class="col-md")),
        )


class WindowForm(forms.Form):
    """Open a submission window, today to a chosen date, for phases whose own window has already closed."""

    open_phases = forms.ModelMultipleChoiceField(
        queryset=Phase.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Open a submission window for these phases"),
        error_messages={"required": _("Tick at least one phase.")},
    )
    window_until = forms.DateField(
        label=_("Submissions accepted until"),
        required=False,
        widget=DATE,
        help_text=_("The window runs from today to this date."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, past_phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["open_phases"].queryset = past_phases
        self.fields["open_phases"].label_from_instance = _phase_label

    def clean(self):
        data = super().clean()
        if data.get("open_phases") and not data.get("window_until"):
            self.add_error("window_until", _("Choose the last day submissions are accepted."))
        return data


def _phase_label(phase: Phase) -> str:
    return f"{phase.name} ({phase.start_date:%d/%m/%Y} – {phase.end_date:%d/%m/%Y})"


class LaunchForm(WindowForm):
    """Launch confirmation; ticking phases already over opens a submission window for them in the same step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["open_phases"].required = False


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
