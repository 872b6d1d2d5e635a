"""Public disclosure forms: input shape only."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


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
