"""Nomination forms: input shape only (eligibility, duplicates and states are the services' business)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import DocumentKind


class NominationAddForm(forms.Form):
    """A participant of the campaign, or the code of an organisation or a person within the officer's reach."""

    plan = forms.ModelChoiceField(label=_("Award"), queryset=None)
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None, required=False)
    code = forms.CharField(
        label=_("Or the code of an organisation or a person"),
        required=False,
        max_length=50,
        help_text=_("Organisation code or staff code, for someone who is not a participant."),
    )

    def __init__(self, *args, plans, participants, organizations, people, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations, self.people = organizations, people
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = lambda plan: plan.award_type.name
        self.fields["participant"].queryset = participants
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Nominate")))

    def clean(self):
        data = super().clean()
        code = (data.get("code") or "").strip()
        data["organization"] = data["person"] = None
        if data.get("participant") and code:
            raise forms.ValidationError(_("Choose a participant or give a code, not both."))
        if not data.get("participant") and not code:
            raise forms.ValidationError(_("Choose a participant, or give the code of an organisation or a person."))
        if code:
            data["organization"] = self.organizations.filter(code__iexact=code).first()
            data["person"] = None if data["organization"] else self.people.filter(code__iexact=code).first()
            if data["organization"] is None and data["person"] is None:
                self.add_error("code", _("No organisation or person with this code within your reach."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Withdraw the nomination"), css_class="btn-danger"))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG."))

    def __init__(self, *args, kinds=None, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(v, label) for v, label in DocumentKind.choices if v in kinds]
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.add_input(Submit("submit", _("Upload")))
