"""Forms of the award plan: input shape only (validity on the campaign's dates is the service's business)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models._common import POINTS


class PlanForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=None)
    quota = forms.IntegerField(
        label=_("Quota"), required=False, min_value=1, help_text=_("Empty: everyone who is eligible.")
    )
    minimum_tier = forms.ModelChoiceField(
        label=_("Minimum tier"), queryset=None, required=False, help_text=_("This tier or a better one.")
    )
    minimum_points = forms.DecimalField(label=_("Minimum points"), required=False, min_value=0, **POINTS)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, award_types, tiers, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
        self.fields["award_type"].label_from_instance = lambda award: f"{award.name} ({award.code})"
        self.fields["minimum_tier"].queryset = tiers
        self.fields["minimum_tier"].label_from_instance = lambda tier: tier.name
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Save")))
