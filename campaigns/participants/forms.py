"""Forms for participants, registrations, covenants and cloning: input shape only; services decide."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import EmulationProduct, Participant
from organizations.forms import OrganizationTreeChoiceField
from organizations.models import EmulationBloc, Organization, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(label, *, action: str = "", confirm: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_action = action
    if confirm:
        helper.attrs = {"data-confirm": confirm}
    helper.add_input(Submit("submit", label))
    return helper


class AddOrganizationForm(forms.Form):
    organization = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    include_descendants = forms.BooleanField(label=_("Include all units under it"), required=False)

    def __init__(self, *args, organization_choices, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices
        self.helper = _helper(_("Add"), action=action)


class AddBlocForm(forms.Form):
    bloc = forms.ModelChoiceField(
        queryset=EmulationBloc.objects.none(), label=_("Emulation bloc"), empty_label=_("— Choose a bloc —")
    )

    def __init__(self, *args, bloc_choices, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bloc"].queryset = bloc_choices
        self.helper = _helper(_("Add its members"), action=action)


class AddSelectedForm(forms.Form):
    """Organisations and people ticked in the search results."""

    organizations = forms.ModelMultipleChoiceField(queryset=Organization.objects.none(), required=False)
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False)

    def __init__(self, *args, organization_choices, people_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organization_choices
        self.fields["people"].queryset = people_choices

    def clean(self):
        data = super().clean()
        if not data.get("organizations") and not data.get("people"):
            raise forms.ValidationError(_("Tick at least one organisation or person."))
        return data


class RemoveParticipantsForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        queryset=Participant.objects.none(), error_messages={"required": _("Tick the participants to remove.")}
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = campaign.participants.select_related("organization", "person")


class ScorerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class ScorerForm(forms.Form):
    """Who scores for an individual participant (empty: nobody assigned)."""

    scorer = ScorerChoiceField(
        queryset=None,
        required=False,
        label=_("Assigned scorer"),
        empty_label=_("— Nobody assigned —"),
        help_text=_("This account may then self-score for the person, besides the person's own login."),
    )

    def __init__(self, *args, scorer_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scorer"].queryset = scorer_choices
        self.helper = _helper(_("Save"))


class ProductForm(forms.ModelForm):
    class Meta:
        model = EmulationProduct
        fields = ["title", "product_type", "owner", "due_date", "status"]
        widgets = {"due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))


class ProductRowForm(ProductForm):
    """A row of the registration's product table (empty rows are ignored)."""

    class Meta(ProductForm.Meta):
        fields = ["title", "product_type", "owner", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.inputs = []


ProductFormSet = forms.formset_factory(ProductRowForm, extra=3)


class RegistrationForm(forms.Form):
    commitment = forms.CharField(
        label=_("Commitment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the unit commits to achieve in this campaign."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CovenantForm(forms.Form):
    bloc = forms.ModelChoiceField(
        queryset=EmulationBloc.objects.none(), label=_("Emulation bloc"), empty_label=_("— Choose a bloc —")
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    body = forms.CharField(label=_("Text of the covenant"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, bloc_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bloc"].queryset = bloc_choices
        self.helper = _helper(_("Publish"))


class CovenantSignForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Sign for"), empty_label=None)
    signer_title = forms.CharField(label=_("Your title"), max_length=150, required=False)

    def __init__(self, *args, organization_choices, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices
        self.helper = _helper(_("Sign the covenant"), action=action)


class CloneForm(forms.Form):
    plan_number = forms.CharField(label=_("New plan number"), max_length=60)
    name = forms.CharField(label=_("Name"), max_length=300, required=False, help_text=_("Leave empty to keep it."))
    offset_days = forms.IntegerField(
        label=_("Shift dates by (days)"), required=False, help_text=_("For example 365 for the next year.")
    )
    start_date = forms.DateField(label=_("Or: new start date"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create the copy"))

    def clean(self):
        data = super().clean()
        if (data.get("offset_days") is None) == (data.get("start_date") is None):
            raise forms.ValidationError(_("Give either a number of days or a new start date."))
        return data
