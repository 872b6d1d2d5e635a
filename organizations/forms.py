"""Forms for organisations and people: input shape only; services enforce the rules."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.enums import BlocRole, DocumentStyle, Role
from organizations.models import Organization, Person


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


class OrganizationTreeChoiceField(forms.ModelChoiceField):
    """Shows the depth in the tree so a long list stays readable."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("— Choose an organisation —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Organization) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class OrganizationForm(forms.ModelForm):
    parent = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Parent organisation"))
    note = forms.CharField(label=_("Reason for the change"), max_length=255, required=False)

    class Meta:
        model = Organization
        fields = ["parent", "code", "name", "short_name", "kind", "document_style", "is_active"]

    def __init__(self, *args, parent_choices, allow_root: bool, is_update: bool, can_set_style: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parent_choices
        self.fields["parent"].required = not allow_root
        if not is_update:
            del self.fields["note"]
            del self.fields["is_active"]
        if not can_set_style:
            del self.fields["document_style"]  # only an administrator chooses it; otherwise it follows the kind
        elif not is_update:
            style = self.fields["document_style"]
            style.required = False
            style.choices = [("", _("— From the kind (Party bodies: Party) —")), *DocumentStyle.choices]
            self.initial["document_style"] = ""
        self.helper = _helper(_("Save"))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class PersonForm(forms.ModelForm):
    organization = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))

    class Meta:
        model = Person
        fields = ["code", "full_name", "gender", "date_of_birth", "position", "organization", "email", "phone"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organization_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices
        self.helper = _helper(_("Save"))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class BlocMemberForm(forms.Form):
    """Add an organisation to a bloc, change its role, or remove it (``remove`` checked)."""

    organization = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
    role = forms.ChoiceField(label=_("Role in bloc"), choices=BlocRole.choices, initial=BlocRole.MEMBER)
    remove = forms.BooleanField(label=_("Remove from the bloc"), required=False)

    def __init__(self, *args, organization_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices
        self.helper = _helper(_("Save"))
        self.helper.attrs = {"data-confirm": str(_("Apply this change to the bloc members?"))}


class AuditFilterForm(forms.Form):
    """Filters of the audit log page (GET): organisation (within reach), object type, user, date range."""

    organization = OrganizationTreeChoiceField(
        queryset=Organization.objects.none(), label=_("Organisation"), required=False, empty_label=_("All")
    )
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organizations, object_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["object_type"].choices = [("", _("All")), *((value, value) for value in object_types)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


class AccountCreateForm(forms.Form):
    """A login for a person: a user name and a temporary password the person must change at the first login."""

    username = forms.CharField(label=_("User name"), max_length=150)
    password1 = forms.CharField(label=_("Temporary password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Temporary password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create the login"))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class RoleGrantForm(forms.Form):
    """A role and its scope: the organisation it applies to (officers and administrators reach below it too)."""

    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— Choose a role —")), *Role.choices])
    organization = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Scope"))

    def __init__(self, *args, organization_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices
        self.helper = _helper(_("Give the role"))
