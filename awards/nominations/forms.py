"""Forms of the award plan: input shape only (validity on the campaign's dates is the service's business).

Nomination forms: input shape only (eligibility, duplicates and states are the services' business).

Public disclosure forms: input shape only.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import DocumentKind
from awards.models._common import POINTS


# --- from awards/nominations/forms.py ---
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


# --- from awards/nominations/forms.py ---
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


# --- from awards/nominations/forms.py ---
class PublishForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        help_text=_("Empty: now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Publish")))


class CommentForm(forms.Form):
    """A viewer's own comment; with ``on_paper`` an officer records one received on paper, with its author."""

    author_name = forms.CharField(label=_("Author"), max_length=150)
    nomination = forms.ModelChoiceField(
        label=_("About"), queryset=None, required=False, empty_label=_("The whole list")
    )
    body = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, nominations, on_paper: bool, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].label_from_instance = lambda n: f"{n.recipient} – {n.plan.award_type.name}"
        if not on_paper:
            del self.fields["author_name"]
        prefix = "paper" if on_paper else "own"
        self.auto_id = f"id_{prefix}_%s"
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("submit", _("Record the comment") if on_paper else _("Send the comment")))
