"""Scores of existing tables keep every figure: their single typed value becomes the answers JSON and the results
that count (net, bonus) and the submissions' totals are filled in.

Frozen copies of the legacy arithmetic (migrations never import app code): before this change every criterion had
one input and its points were regular, bonus or penalty points (``campaigns/points/`` maps the same way:
``legacy_inputs``, ``legacy_criterion``). A reviewer then corrected points, not inputs; the corrected points are
turned back into answers that earn exactly those points where the method allows (manual, yes/no, count without
partial points) and as closely as two decimals allow otherwise (target, partial count) — ``manage.py
verify_totals`` reports any difference that remains.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

CENT = Decimal("0.01")
ZERO = Decimal(0)
LEGACY_PART = "yes"


def _text(number: Decimal) -> str:
    """As scoring/submissions/results.py writes numbers: no trailing zeros ("35.5", "33")."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _answers(criterion, value):
    if value is None:
        return {}
    method = criterion.method
    if method == "manual":
        return {"points": _text(value)}
    if method == "target":
        return {"value": _text(value)}
    if method == "yes_no_parts":
        return {"parts": {LEGACY_PART: value != 0}}
    if method == "count_minimum":
        return {"count": int(value)}
    return {}


def _answers_for_points(criterion, points):
    """Answers that earn ``points`` on a legacy criterion (the reviewer's corrected points)."""
    method, standard = criterion.method, criterion.max_points
    if method == "manual":
        return {"points": _text(points)}
    if method == "yes_no_parts":
        return {"parts": {LEGACY_PART: points >= standard and standard > 0}}
    if method == "target":
        target = criterion.target_value or Decimal(1)
        value = (points * target / standard).quantize(Decimal("0.0001")) if standard else ZERO
        return {"value": _text(value)}
    if method == "count_minimum":
        minimum = criterion.count_minimum or 1
        if not criterion.count_partial:
            return {"count": minimum if points >= standard else 0}
        return {"count": int((points * minimum / standard).to_integral_value(rounding=ROUND_HALF_UP)) if standard else 0}
    return {}


def forwards(apps, schema_editor):
    Score = apps.get_model("scoring", "Score")
    Submission = apps.get_model("scoring", "Submission")
    ScoringTable = apps.get_model("campaigns", "ScoringTable")
    caps = {(t.campaign_id, t.participant_kind): (t.bonus_cap, t.penalty_cap) for t in ScoringTable.objects.all()}
    for submission in Submission.objects.select_related("participant", "phase").iterator():
        sums = {"regular": ZERO, "bonus": ZERO, "penalty": ZERO}
        self_sums = {"regular": ZERO, "bonus": ZERO, "penalty": ZERO}
        below = False
        for score in Score.objects.filter(submission=submission).select_related("criterion"):
            criterion = score.criterion
            score.self_inputs = _answers(criterion, score.value)
            if score.verified_points is not None and score.verified_points != score.self_points:
                score.verified_inputs = _answers_for_points(criterion, score.verified_points)
            points = score.verified_points if score.verified_points is not None else (score.self_points or ZERO)
            score.net = points
            score.bonus = ZERO
            score.self_bonus = ZERO
            score.value = None
            score.below_minimum = criterion.minimum_points is not None and points < criterion.minimum_points
            below = below or (criterion.kind == "regular" and score.below_minimum)
            sums[criterion.kind] += points
            self_sums[criterion.kind] += score.self_points or ZERO
            score.save(
                update_fields=["self_inputs", "verified_inputs", "net", "bonus", "self_bonus", "value", "below_minimum"]
            )
        kind = "collective" if submission.participant.organization_id else "individual"
        bonus_cap, penalty_cap = caps.get((submission.phase.campaign_id, kind), (None, None))

        def total(values):
            bonus = values["bonus"] if bonus_cap is None else min(values["bonus"], bonus_cap)
            penalty = values["penalty"] if penalty_cap is None else min(values["penalty"], penalty_cap)
            return max(ZERO, values["regular"] + bonus - penalty).quantize(CENT)

        submission.regular_points = sums["regular"]
        submission.bonus_points = sums["bonus"]
        submission.penalty_points = sums["penalty"]
        submission.total = total(sums)
        submission.self_total = total(self_sums)
        submission.below_minimum = below
        submission.save(
            update_fields=["regular_points", "bonus_points", "penalty_points", "total", "self_total", "below_minimum"]
        )


class Migration(migrations.Migration):
    dependencies = [("scoring", "0003_stored_results"), ("campaigns", "0006_tiers_per_table")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
