"""Why a nomination is (not) eligible: stored reason codes + values → translated sentences.

The codes come from the pure rules (``awards.eligibility``, ``awards.nominations.quota``) and are stored with each
nomination as JSON (``[{"code": …, "params": {…}}]``); this is the one place that turns them into words.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from awards import eligibility as el
from awards.enums import RecipientKind, TaskRating
from awards.nominations import quota as nr

PASSING = {
    el.RATING_OK,
    el.RATING_UNCHECKED,
    el.TIER_OK,
    el.POINTS_OK,
    el.PREREQUISITE_MET,
    nr.WITHIN_QUOTA,
    nr.TIE_PRIORITY,
}
HIDDEN = {nr.NOT_ELIGIBLE}  # repeats what the failed reasons already say
NOT_IN_RANKING = "not_in_ranking"  # {}: the recipient is not (or no longer) in the current overall ranking
NOT_SUBMITTED = "not_submitted"  # {}: the participant did not submit: no score, never nominated
NOT_CLASSIFIED = "not_classified"  # {}: a rule of the table left the participant not classified (no rank)


def to_json(value):
    """Reason params as plain JSON values (Decimals and dates as strings)."""
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def reasons_json(reasons) -> list[dict]:
    return [{"code": reason.code, "params": to_json(reason.params)} for reason in reasons]


def _day(value) -> str:
    if not value:
        return "…"
    return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")


def _kind(value) -> str:
    return str(dict(RecipientKind.choices).get(value, value))


def _listing(values) -> str:
    return ", ".join(str(value) for value in values or [])


def _prerequisite(params: dict, met: bool) -> str:
    values = {
        "code": params.get("award_code"),
        "times": params.get("times"),
        "held": params.get("held"),
        "years": _listing(params.get("years")) or "–",
    }
    if params.get("consecutive"):
        if met:
            return _("Held %(code)s %(held)s consecutive years (%(years)s); %(times)s required.") % values
        return _("Needs %(code)s %(times)s consecutive years; holds %(held)s (%(years)s).") % values
    if met:
        return _("Held %(code)s %(held)s times (%(years)s); %(times)s required.") % values
    return _("Needs %(code)s %(times)s times; holds %(held)s (%(years)s).") % values


def _quota(code: str, params: dict) -> str:
    if code == nr.WITHIN_QUOTA:
        if params.get("limit") is None:
            return _("No quota: every eligible candidate is nominated.")
        return _("Within the quota of %(limit)s.") % params
    if code == nr.OVER_QUOTA:
        return _("Beyond the quota of %(limit)s.") % params
    return (
        _(
            "Tied at rank %(rank)s with %(total)s points: %(tied_count)s candidates for %(open_places)s remaining "
            "place(s) of the quota of %(limit)s; the council decides."
        )
        % params
    )


def _priority(params: dict) -> str:
    if params.get("basis") == "woman":
        return _("Priority on a tie: a woman.")
    share = Decimal(str(params.get("women_share") or 0)) * 100
    return _("Priority on a tie: %(share)s%% women in the collective (at least 70%%).") % {
        "share": format(share.quantize(Decimal(1)), "f")
    }


def _bars(code: str, params: dict) -> str | None:
    if code == el.AWARD_NOT_VALID_ON_DATE:
        return _("The award is not in force on %(date)s (valid %(start)s – %(end)s).") % {
            "date": _day(params.get("date")),
            "start": _day(params.get("valid_from")),
            "end": _day(params.get("valid_to")),
        }
    if code == el.KIND_MISMATCH:
        return _("This award is for: %(expected)s, not %(actual)s.") % {
            "expected": _kind(params.get("expected")),
            "actual": _kind(params.get("actual")),
        }
    if code == el.ALREADY_AWARDED:
        return _("Already holds this title for %(year)s: one achievement is never rewarded twice.") % params
    if code == el.UNDER_DISCIPLINARY_REVIEW:
        return _("Under disciplinary review: cannot be commended.")
    if code == NOT_IN_RANKING:
        return _("Not in the current overall ranking.")
    if code == NOT_SUBMITTED:
        return _("Did not submit a self-assessment: cannot be nominated.")
    if code == NOT_CLASSIFIED:
        return _("Not classified by the scoring table's rules: cannot be nominated.")
    return None


def _rating(code: str, params: dict) -> str | None:
    if code not in (el.RATING_OK, el.RATING_TOO_LOW, el.RATING_UNCHECKED):
        return None
    labels = dict(TaskRating.choices)
    values = {
        "rating": labels.get(params.get("rating"), params.get("rating")),
        "minimum": labels.get(params.get("minimum"), params.get("minimum")),
        "tier": params.get("tier") or "–",
    }
    if code == el.RATING_OK:
        text = _("Rated “%(rating)s”: at least “%(minimum)s” required.") % values
    elif code == el.RATING_TOO_LOW:
        text = _("Rated “%(rating)s”: below the minimum condition “%(minimum)s”.") % values
    else:
        text = (
            _(
                "The tier %(tier)s states no level of task completion: check in the dossier that it is at least "
                "“%(minimum)s”."
            )
            % values
        )
    basis = params.get("basis")
    return _("%(text)s (Basis: %(basis)s)") % {"text": text, "basis": basis} if basis else text


def _achievement(code: str, params: dict) -> str | None:
    accepted = _listing(params.get("accepted"))
    messages = {
        el.TIER_OK: lambda: _("Tier %(tier)s qualifies (accepted: %(accepted)s).") % {**params, "accepted": accepted},
        el.TIER_TOO_LOW: lambda: (
            _("Tier %(tier)s does not qualify (accepted: %(accepted)s).") % {**params, "accepted": accepted}
        ),
        el.NO_TIER: lambda: _("No tier in the ranking (accepted: %(accepted)s).") % {"accepted": accepted},
        el.POINTS_OK: lambda: _("%(points)s points, at least %(minimum)s required.") % params,
        el.POINTS_TOO_LOW: lambda: _("Only %(points)s points; at least %(minimum)s required.") % params,
        el.NO_POINTS: lambda: _("No points in the ranking; at least %(minimum)s required.") % params,
        nr.BELOW_MINIMUM_POINTS: lambda: _("%(total)s points is below the minimum of %(minimum)s.") % params,
        el.PREREQUISITE_MET: lambda: _prerequisite(params, True),
        el.MISSING_PREREQUISITE: lambda: _prerequisite(params, False),
    }
    message = messages.get(code)
    return message() if message else None


NUMBERS = ("points", "minimum", "total")  # stored as plain decimal strings, shown in the language's format


def _localised(params: dict) -> dict:
    shown = dict(params)
    for key in NUMBERS:
        value = shown.get(key)
        if isinstance(value, str | int | float | Decimal) and not isinstance(value, bool):
            with contextlib.suppress(ArithmeticError):
                shown[key] = formats.number_format(Decimal(str(value)), 2)
    return shown


def explain(code: str, params: dict | None = None) -> str:
    """One reason as a translated sentence (an unknown code is shown as it is); numbers in the page's format."""
    params = _localised(params or {})
    if code in (nr.WITHIN_QUOTA, nr.OVER_QUOTA, nr.TIE_AT_QUOTA):
        return _quota(code, params)
    if code == nr.TIE_PRIORITY:
        return _priority(params)
    return _bars(code, params) or _rating(code, params) or _achievement(code, params) or code


NOTES = {NOT_IN_RANKING, el.RATING_UNCHECKED}  # facts worth showing that neither pass nor fail a condition


@dataclass(frozen=True)
class Explanation:
    passed: bool
    text: str
    note: bool = False


def explain_all(reasons: list[dict] | None) -> list[Explanation]:
    """A nomination's stored reasons as sentences, each marked passed or failed, in the stored order."""
    return [
        Explanation(
            passed=item.get("code") in PASSING,
            text=explain(item.get("code", ""), item.get("params")),
            note=item.get("code") in NOTES,
        )
        for item in reasons or []
        if item.get("code") not in HIDDEN
    ]
