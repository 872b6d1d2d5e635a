"""Forms of the public part: a public comment, an organisation's publication choice. Input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Publication


class PublicCommentForm(forms.Form):
    author_name = forms.CharField(label=_("Your name"), max_length=150)
    contact = forms.CharField(
        label=_("E-mail or phone"), max_length=200, help_text=_("Seen only by the officers, to reply to you.")
    )
    nomination = forms.ModelChoiceField(
        label=_("About"), queryset=None, required=False, empty_label=_("The whole list")
    )
    body = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # left empty by people, filled by robots

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].label_from_instance = lambda n: f"{n.recipient} – {n.plan.award_type.name}"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send the comment")))


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["publish_rankings", "publish_decisions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
