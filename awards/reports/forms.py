"""The form that asks for a campaign report: input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import ReportKind


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, initial=ReportKind.INTERIM)
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=None, required=False, empty_label=_("The whole campaign"))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = campaign.phases.order_by("position")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Prepare the report")))
