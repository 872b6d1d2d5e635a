"""Campaign and phase forms: input shape only; services enforce dates, overlaps and states."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Phase
from common.uploads import PDF, check_upload
from organizations.forms import OrganizationTreeChoiceField
from organizations.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", _("Save")))
    return helper


class CampaignForm(forms.ModelForm):
    launching_organization = OrganizationTreeChoiceField(
        queryset=Organization.objects.none(), label=_("Launching organisation")
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
        "plan_document",
        *[name for name in ("note",) if name in fields],
    )


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "theme", "start_date", "end_date", "weight"]
        widgets = {"start_date": DATE, "end_date": DATE, "theme": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
