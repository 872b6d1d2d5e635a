"""The dashboard's filters and the reminder form (input shape only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.progress.selectors import FILTERS


class ProgressFilterForm(forms.Form):
    """Phase, state, bloc and a name to search; bad values fall back to "all" (a filter never errors)."""

    phase = forms.IntegerField(required=False, min_value=1)
    state = forms.ChoiceField(required=False, choices=[("", _("All states")), *FILTERS.items()])
    bloc = forms.IntegerField(required=False, min_value=1)
    q = forms.CharField(required=False, max_length=100, strip=True)

    def filters(self) -> dict:
        """The valid values (an invalid one is left out: the page shows everything for it)."""
        self.is_valid()
        return self.cleaned_data


class RemindForm(forms.Form):
    """Remind one participant (its id) or, without one, every late participant of the phase."""

    phase = forms.IntegerField(min_value=1)
    participant = forms.IntegerField(required=False, min_value=1)
    note = forms.CharField(
        required=False, max_length=400, strip=True, label=_("Message (optional)"),
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )  # fmt: skip
