"""Excel export of a full ranking run: one row per participant with the stored results and per-criterion points.

The stored results (total, tier, ranks) are those of the run; the per-criterion points are read from the
scores as they are when exporting (a note on the second sheet says so).
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from campaigns.models import Criterion, Phase
from common.spreadsheets import text_row
from scoring.models import RankingRun
from scoring.ranking import selectors as sel


def _columns(run: RankingRun) -> list[tuple[tuple[int, int], str]]:
    """((phase id, criterion id), header) for every criterion of the campaign, per phase of an overall run."""
    phase_ids = [row["id"] for row in run.inputs.get("phases", [])]
    phases = list(Phase.objects.filter(pk__in=phase_ids).order_by("position"))
    criteria = list(
        Criterion.objects.filter(table__campaign_id=run.campaign_id)
        .select_related("table")
        .order_by("table__participant_kind", "group__position", "position", "id")
    )
    kinds = {c.table.participant_kind for c in criteria}
    columns = []
    for phase in phases:
        for criterion in criteria:
            header = criterion.code
            if len(kinds) > 1:
                header = f"{criterion.table.get_participant_kind_display()} {header}"
            if run.phase_id is None:
                header = f"{phase.name} · {header}"
            columns.append(((phase.pk, criterion.pk), header))
    return columns


def _points(run: RankingRun) -> dict[int, dict[tuple[int, int], object]]:
    points: dict[int, dict[tuple[int, int], object]] = {}
    rows = sel.ranking_points(run=run).values_list(
        "submission__participant_id", "submission__phase_id", "criterion_id", "verified_points", "self_points"
    )
    for participant_id, phase_id, criterion_id, verified, self_points in rows.iterator(chunk_size=5000):
        points.setdefault(participant_id, {})[(phase_id, criterion_id)] = (
            verified if verified is not None else self_points
        )
    return points


def _run_sheet(workbook: Workbook, run: RankingRun) -> None:
    sheet = workbook.create_sheet(_("Run"))
    requested_by = run.requested_by.get_username() if run.requested_by else ""
    for label, value in (
        (_("Campaign"), str(run.campaign)),
        (_("Phase"), str(run.phase) if run.phase else _("Whole campaign")),
        (_("Computed at"), timezone.localtime(run.finished_at).strftime("%d/%m/%Y %H:%M") if run.finished_at else ""),
        (_("Requested by"), requested_by),
        (_("Tie-break rule"), str(run.get_tie_break_display())),
        (_("Per-criterion points are the scores as they were when this file was exported."), ""),
    ):
        sheet.append(text_row(sheet, [label, value]))


def ranking_workbook(*, run: RankingRun) -> bytes:
    """The .xlsx file of ``run``: ranking sheet with per-criterion columns, and a sheet describing the run."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Ranking"))
    columns = _columns(run)
    sheet.append(
        text_row(
            sheet,
            [
                _("Rank"),
                _("Participant"),
                _("Regular points"),
                _("Bonus points"),
                _("Penalty points"),
                _("Total"),
                _("Tier"),
                _("Fully verified"),
                _("Below a minimum (điểm liệt)"),
                _("Rank in bloc"),
                *(header for _key, header in columns),
            ],
        )
    )
    points = _points(run)
    for entry in sel.ranking_entry_list(run=run).iterator(chunk_size=2000):
        mine = points.get(entry.participant_id, {})
        blocs = "; ".join(f"{r.bloc.name}: {r.rank}" for r in entry.bloc_ranks.all())
        sheet.append(
            text_row(
                sheet,
                [
                    entry.rank,
                    str(entry.participant),
                    entry.regular,
                    entry.bonus,
                    entry.penalty,
                    entry.total,
                    entry.tier_name,
                    _("yes") if entry.is_fully_verified else _("no"),
                    _("yes") if entry.below_minimum else _("no"),
                    blocs,
                    *(mine.get(key) for key, _header in columns),
                ],
            )
        )
    _run_sheet(workbook, run)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
