"""Reviewer forms: input shape only (ranges, reasons and conflicts are the services' business)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns import points as pt
from scoring.models import Score
from scoring.submissions.forms import AnswersForm


class VerifyForm(AnswersForm):
    """The reviewer's correction of one criterion's answers (starting from the answers that count) and the reason;
    ``version`` is the value the reviewer started from. Same fields and prefix as the unit's form."""

    note_label = _("Reason (required when the answers change)")

    def __init__(self, *args, score: Score, criterion: pt.CriterionSpec, **kwargs):
        super().__init__(*args, score=score, criterion=criterion, inputs=score.inputs, note=score.review_note, **kwargs)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What the unit needs to fix"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.attrs = {"data-confirm": _("Return this submission to the unit?")}
        self.helper.add_input(Submit("submit", _("Return to the unit"), css_class="btn-warning"))


class QueueFilterForm(forms.Form):
    """The queue's filters; choices come from the (already evaluated) campaigns and phases the user reviews."""

    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False, empty_value=None)
    phase = forms.TypedChoiceField(
        label=pgettext_lazy("campaign phase", "Phase"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, campaigns, phases, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["campaign"].choices = [everything, *((c.pk, f"{c.plan_number} – {c.name}") for c in campaigns)]
        self.fields["phase"].choices = [everything, *((p.pk, f"{p.campaign.plan_number} · {p.name}") for p in phases)]
        self.fields["status"].choices = [everything, *statuses]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("apply", _("Filter"), css_class="btn-outline-secondary"))
