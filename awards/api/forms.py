"""The form that creates an API token: input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Who will use it, e.g. “Provincial emulation database”.")
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create token")))
