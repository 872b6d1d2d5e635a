"""Recompute stored results from the answers with the pure engine and list every difference (``verify_totals``).

The services store, in the transaction of every input, each score's result (net, bonus, deduction, flags) and
each submission's totals; the ranking reads only those. This module recomputes both from the answers kept on
the scores (the reviewer's corrected answers where there are some, else the unit's) and the table's caps, and
reports what differs. It reads in chunks and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from campaigns import points as pt
from campaigns.models import Criterion, ScoringTable
from campaigns.tables.spec import criterion_spec
from scoring.models import Score, Submission
from scoring.submissions import results

SCORE_FIELDS = ("net", "bonus", "deduction", "gated", "below_minimum")
CHUNK = 2000


@dataclass(frozen=True)
class Difference:
    """One stored value that the engine computes differently."""

    submission_id: int
    what: str  # "score <code>: <field>" or "total: <field>"
    stored: object
    computed: object

    def __str__(self) -> str:
        return f"submission {self.submission_id}, {self.what}: stored {self.stored}, computed {self.computed}"


class _Specs:
    """Criterion specs and table caps, read once per table."""

    def __init__(self) -> None:
        self.criteria: dict[int, tuple[pt.CriterionSpec, str]] = {}
        self.tables: dict[tuple[int, str], ScoringTable | None] = {}

    def criterion(self, criterion_id: int) -> tuple[pt.CriterionSpec, str]:
        if criterion_id not in self.criteria:
            table_id = Criterion.objects.filter(pk=criterion_id).values_list("table_id", flat=True).first()
            for row in Criterion.objects.filter(table_id=table_id).prefetch_related("rules"):
                self.criteria[row.pk] = (criterion_spec(row, row.rules.all()), row.method)
        return self.criteria[criterion_id]

    def table(self, campaign_id: int, kind: str) -> ScoringTable | None:
        key = (campaign_id, kind)
        if key not in self.tables:
            self.tables[key] = ScoringTable.objects.filter(campaign_id=campaign_id, participant_kind=kind).first()
        return self.tables[key]


def _score_differences(submission_id: int, score: Score, spec: pt.CriterionSpec) -> tuple[list[Difference], tuple]:
    """Differences of one score and its recomputed (role, net, bonus, relative, gated, below) and own-points row."""
    found = []
    try:
        counted = results.score_answers(spec, score.inputs).result
        own = results.score_answers(spec, score.self_inputs or {}).result
    except pt.ScoringInputError as error:
        found.append(Difference(submission_id, f"score {spec.code}: answers", score.inputs, str(error)))
        return found, ()
    for name in SCORE_FIELDS:
        stored, computed = getattr(score, name), getattr(counted, name)
        if stored != computed:
            found.append(Difference(submission_id, f"score {spec.code}: {name}", stored, computed))
    for name, computed in (("self_points", own.points), ("self_bonus", own.bonus)):
        stored = getattr(score, name)
        if (stored or Decimal(0)) != computed and not (stored is None and not score.self_inputs):
            found.append(Difference(submission_id, f"score {spec.code}: {name}", stored, computed))
    relative = spec.base.kind is pt.BaseKind.RELATIVE_TO_LEADER
    effective = (spec.role, counted.net, counted.bonus, relative, counted.gated, counted.below_minimum)
    own_row = (spec.role, own.points - own.bonus, own.bonus, relative, counted.gated, counted.below_minimum)
    return found, (effective, own_row)


def submission_differences(submissions) -> Iterator[Difference]:
    """Every difference between the stored and the recomputed results of ``submissions`` (a queryset)."""
    specs = _Specs()
    rows = submissions.select_related("participant", "phase").order_by("pk")
    for submission in rows.iterator(chunk_size=CHUNK):
        effective, own = [], []
        for score in Score.objects.filter(submission=submission).order_by("pk"):
            spec, _method = specs.criterion(score.criterion_id)
            found, computed = _score_differences(submission.pk, score, spec)
            yield from found
            if computed:
                effective.append(computed[0])
                own.append(computed[1])
        table = specs.table(submission.phase.campaign_id, submission.participant.kind)
        caps = {"bonus_cap": table.bonus_cap if table else None, "penalty_cap": table.penalty_cap if table else None}
        expected = results.totals_fields(pt.totals_of(effective, **caps), pt.totals_of(own, **caps))
        for name, computed in expected.items():
            stored = getattr(submission, name)
            if stored != computed:
                yield Difference(submission.pk, f"total: {name}", stored, computed)


def submissions_of(campaign_id: int | None):
    qs = Submission.objects.all()
    return qs if campaign_id is None else qs.filter(participant__campaign_id=campaign_id)
