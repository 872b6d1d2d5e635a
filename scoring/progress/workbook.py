"""The progress dashboard as an .xlsx: a title block (organisation, title, campaign and phase, date) above a
frozen header row and one row per participant; text cells never read as formulas."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from campaigns.models import Campaign, Phase
from common.spreadsheets import cells_as_text
from scoring.progress.selectors import ProgressRow


def _day(value) -> str:
    return date_format(timezone.localtime(value) if hasattr(value, "hour") else value, "d/m/Y") if value else ""


def _when(value) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def progress_workbook(*, campaign: Campaign, phase: Phase, rows: list[ProgressRow]) -> bytes:
    """The rows (already filtered as on the page) with the title block; the bytes of the .xlsx file."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Progress")[:31]
    sheet.append([campaign.launching_organization.name])
    sheet.append([_("Progress of the self-scoring")])
    sheet.append([f"{campaign.name} – {phase.name}"])
    sheet.append([_("Deadline: %(date)s · exported on %(now)s") % {"date": _day(phase.window_closes),
                                                                    "now": _when(timezone.now())}])  # fmt: skip
    sheet.append([])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=14)
    header = [
        _("No."), _("Participant"), _("Bloc"), _("Registered"), _("State"), _("Late"), _("Deadline"),
        _("Last activity"), _("Last reminder"),
    ]  # fmt: skip
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    yes, no = _("Yes"), _("No")
    for number, row in enumerate(rows, start=1):
        sheet.append([
            number, row.name, row.bloc_name, yes if row.registered else no, row.state_label,
            yes if row.is_late else no, _day(row.deadline), _when(row.last_activity), _when(row.reminded_at),
        ])  # fmt: skip
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for letter, width in zip("ABCDEFGHI", (6, 45, 30, 12, 24, 8, 12, 17, 17), strict=True):
        sheet.column_dimensions[letter].width = width
    out = BytesIO()
    cells_as_text(book).save(out)
    return out.getvalue()
