"""Forms of exemplary models: input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import ExemplaryKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExemplaryForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemplaryKind.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label=_("Found on"), widget=DATE)
    evidence = forms.CharField(label=_("Evidence"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Show on the public pages"), required=False)

    def __init__(self, *args, organizations, people, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["person"].queryset = people
        self.fields["campaign"].queryset = campaigns
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Record the model")))


class StepForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    evidence = forms.CharField(label=_("Evidence"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AdoptionForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Adopting unit"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
