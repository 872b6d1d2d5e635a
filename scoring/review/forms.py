"""Reviewer forms: input shape only (ranges, reasons and conflicts are the services' business)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scoring.models import POINTS, Score


class VerifyForm(forms.Form):
    """One score's verified points and reason; ``version`` is the value the reviewer started from."""

    verified_points = forms.DecimalField(
        label=_("Verified points"), max_digits=POINTS["max_digits"], decimal_places=POINTS["decimal_places"]
    )
    review_note = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, score: Score, **kwargs):
        kwargs.setdefault("auto_id", f"id_s{score.pk}_%s")  # one form per row on the same page
        kwargs.setdefault(
            "initial",
            {
                "verified_points": score.verified_points if score.verified_points is not None else score.self_points,
                "review_note": score.review_note,
                "version": score.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["verified_points"].widget.attrs.update({"min": "0", "max": score.max_points, "step": "0.01"})


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
