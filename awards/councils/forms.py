"""Council, member, session, attendance and ballot forms: input shape only; the services enforce the rules."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import CouncilRole, VoteChoice, WrittenChoice
from awards.models import Council, CouncilSession
from campaigns.models import Campaign
from organizations.forms import OrganizationTreeChoiceField
from organizations.models import Organization


def _helper(label=None) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label or _("Save")))
    return helper


class CouncilForm(forms.ModelForm):
    organization = OrganizationTreeChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))

    class Meta:
        model = Council
        fields = ["organization", "name", "is_active"]

    def __init__(self, *args, organization_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]  # a council stays with its organisation
        else:
            self.fields["organization"].queryset = organization_choices
            del self.fields["is_active"]
        self.helper = _helper()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        person = getattr(obj, "person", None)
        name = (person.full_name if person else "") or obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class MemberForm(forms.Form):
    user = UserChoiceField(queryset=None, label=_("User account"), empty_label=_("— Choose a user account —"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_("As printed in the minutes; empty: the name of the user account."),
    )
    title = forms.CharField(label=_("Position"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role in the council"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER)

    def __init__(self, *args, user_choices=None, member=None, **kwargs):
        if member is not None:
            kwargs.setdefault("initial", {"full_name": member.full_name, "title": member.title, "role": member.role})
        super().__init__(*args, **kwargs)
        if member is not None:
            del self.fields["user"]  # the seat belongs to one account
            self.fields["full_name"].required = True
            self.fields["full_name"].help_text = ""
        else:
            self.fields["user"].queryset = user_choices
        self.helper = _helper()


class SessionForm(forms.ModelForm):
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        label=_("Campaign"),
        required=False,
        empty_label=_("— Any campaign of the organisation —"),
        help_text=_("The agenda can then only take nominations of this campaign."),
    )

    class Meta:
        model = CouncilSession
        fields = ["title", "campaign", "scheduled_at", "place_name", "place"]
        widgets = {"scheduled_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = (
            Campaign.objects.filter(launching_organization__path__startswith=council.organization.path)
            .exclude(status="draft")
            .order_by("-start_date", "name")
        )
        self.fields["scheduled_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        self.fields["place_name"].required = True  # the minutes are dated "Place name, ngày … tháng … năm …"
        self.helper = _helper()


class MinutesDetailsForm(forms.Form):
    """What the minutes need besides the votes: the place name, who chairs, who counts (among those present)."""

    place_name = forms.CharField(
        label=_("Place name"), max_length=100, help_text=_("Printed before the date on the minutes, e.g. Sóc Trăng.")
    )
    chair = forms.TypedChoiceField(label=_("Chaired by"), coerce=int)
    committee_head = forms.TypedChoiceField(
        label=_("Head of the counting committee"), coerce=int, required=False, empty_value=None
    )
    committee = forms.TypedMultipleChoiceField(
        label=_("Other members of the counting committee"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, present, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(member.pk, f"{member.full_name} – {member.get_role_display()}") for member in present]
        self.fields["chair"].choices = choices
        self.fields["committee_head"].choices = [("", _("— No counting committee —")), *choices]
        self.fields["committee"].choices = choices
        self.helper = _helper(_("Save"))

    def clean(self):
        data = super().clean()
        head, others = data.get("committee_head"), data.get("committee") or []
        if others and head is None:
            raise forms.ValidationError(_("Choose the head of the counting committee first."))
        data["committee_ids"] = ([head] if head is not None else []) + [pk for pk in others if pk != head]
        return data


class WrittenVotesForm(forms.Form):
    """One absent member's written votes: approve or reject (or nothing received) and the opinion, per nominee."""

    def __init__(self, *args, items, initial_votes, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        choices = [("", _("No written vote")), *WrittenChoice.choices]
        for item in items:
            choice, opinion = initial_votes.get(item.pk, ("", ""))
            self.fields[f"choice_{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination.recipient),
                choices=choices,
                required=False,
                initial=choice,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"opinion_{item.pk}"] = forms.CharField(
                label=_("Written opinion"),
                required=False,
                max_length=2000,
                initial=opinion,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def rows(self):
        """(agenda item, its choice field, its opinion field), in agenda order."""
        return [(item, self[f"choice_{item.pk}"], self[f"opinion_{item.pk}"]) for item in self.items]

    def votes(self) -> dict[int, tuple[str, str]]:
        """{item id: (choice, opinion)} for the items with a written vote."""
        data = self.cleaned_data
        return {
            item.pk: (data[f"choice_{item.pk}"], data[f"opinion_{item.pk}"])
            for item in self.items
            if data.get(f"choice_{item.pk}")
        }


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Members present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, attendance, **kwargs):
        kwargs.setdefault("initial", {"present": [str(row.member_id) for row in attendance if row.is_present]})
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(row.member_id), f"{row.member.full_name} – {row.member.get_role_display()}") for row in attendance
        ]
        self.helper = _helper(_("Save attendance"))


class BallotForm(forms.Form):
    """One ballot paper: approve / reject / abstain for every agenda item (all required)."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination.recipient),
                choices=VoteChoice.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose approve, reject or abstain.")},
            )

    def rows(self):
        """(agenda item, its bound field) in agenda order, for the template."""
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def choices(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}
