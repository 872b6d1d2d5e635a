"""A scoring table as an Excel workbook: export, and an all-or-nothing import that reports every bad line.

Sheet 1 holds one row per criterion under a header row (a row with a group but no criterion keeps an empty
group); sheet 2 holds the declared total and the caps. Columns are read by position; the header row must
match the template in the active language or in English. Export → import reproduces the same table.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from openpyxl.styles import Font

from campaigns import scoring_rules as sr
from campaigns.enums import CriterionKind, CriterionMethod
from campaigns.models import Campaign, Criterion, ScoringTable
from campaigns.tables.services import GroupData, TableData, criterion_problems, table_replace
from common.spreadsheets import cells_as_text

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2000
CENT = Decimal("0.01")
# (column header msgid, Criterion field or a group key); the order is the file's column order.
COLUMNS = (
    (gettext_noop("Group code"), "group_code"),
    (gettext_noop("Group"), "group_title"),
    (None, "code"),
    (None, "text"),
    (None, "max_points"),
    (None, "kind"),
    (None, "method"),
    (None, "target_value"),
    (None, "target_unit"),
    (None, "count_minimum"),
    (None, "count_partial"),
    (None, "minimum_points"),
    (None, "evidence_required"),
    (None, "guidance"),
)
CRITERION_KEYS = [key for _msgid, key in COLUMNS[2:]]
SETTINGS = (
    (gettext_noop("Declared total"), "declared_total"),
    (gettext_noop("Bonus cap"), "bonus_cap"),
    (gettext_noop("Penalty cap"), "penalty_cap"),
)
YES = {"x", "1", "yes", "true", "có", "co"}
NO = {"", "0", "no", "false", "không", "khong"}


def column_headers() -> list[str]:
    """Column headers in the active language (criterion columns reuse the model's field names)."""
    return [_(msgid) if msgid else str(capfirst(Criterion._meta.get_field(key).verbose_name)) for msgid, key in COLUMNS]


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _cell(criterion: Criterion, key: str):
    value = getattr(criterion, key)
    if key in ("method", "kind"):
        return getattr(criterion, f"get_{key}_display")()
    if key in ("count_partial", "evidence_required"):
        return _yes_no(value)
    return value


def table_export(*, table: ScoringTable) -> bytes:
    """The table (a ``table_selectors.table_list`` row, rows prefetched) as .xlsx bytes."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Scoring table")[:31]
    sheet.append(column_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for group in table.groups.all():
        criteria = list(group.criteria.all())
        if not criteria:
            sheet.append([group.code, group.title])
        for criterion in criteria:
            sheet.append([group.code, group.title, *(_cell(criterion, key) for key in CRITERION_KEYS)])
    for letter, width in (("B", 30), ("C", 8), ("D", 60), ("N", 40)):
        sheet.column_dimensions[letter].width = width
    settings = workbook.create_sheet(_("Settings")[:31])
    for msgid, key in SETTINGS:
        settings.append([_(msgid), getattr(table, key)])
    settings.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)  # typed text never becomes a formula
    return buffer.getvalue()


# --- import -----------------------------------------------------------------------------------------------


class RowError(ValueError):
    """A problem with one cell, reported with its line."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value, label: str) -> Decimal | None:
    text = _text(value).replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or number != number.quantize(CENT):
        raise RowError(_("%(column)s must be a number ≥ 0 with at most 2 decimals.") % {"column": label})
    return number.quantize(CENT)


def _whole(value, label: str) -> int | None:
    number = _decimal(value, label)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise RowError(_("%(column)s must be a whole number.") % {"column": label})
    return int(number)


def _boolean(value, label: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in YES or text == _("Yes").casefold():
        return True
    if text in NO or text == _("No").casefold():
        return False
    raise RowError(_("%(column)s must be yes or no.") % {"column": label})


def _choice(value, label: str, choices, default: str) -> str:
    text = _text(value).casefold()
    if not text:
        return default
    for choice in choices:
        with override("en"):
            english = str(choice.label).casefold()
        if text in (choice.value, str(choice.label).casefold(), english):
            return choice.value
    raise RowError(_("%(column)s: “%(value)s” is not one of the choices.") % {"column": label, "value": _text(value)})


def _criterion_values(cells: dict, raw: dict, labels: dict) -> dict:
    """The criterion fields of one row (``cells`` as text, ``raw`` as read); ``RowError`` at the first bad cell."""
    values = {
        "code": cells["code"],
        "text": cells["text"],
        "max_points": _decimal(raw["max_points"], labels["max_points"]),
        "kind": _choice(raw["kind"], labels["kind"], CriterionKind, CriterionKind.REGULAR),
        "method": _choice(raw["method"], labels["method"], CriterionMethod, CriterionMethod.MANUAL),
        "target_value": _decimal(raw["target_value"], labels["target_value"]),
        "target_unit": cells["target_unit"],
        "count_minimum": _whole(raw["count_minimum"], labels["count_minimum"]),
        "count_partial": _boolean(raw["count_partial"], labels["count_partial"]),
        "minimum_points": _decimal(raw["minimum_points"], labels["minimum_points"]),
        "evidence_required": _boolean(raw["evidence_required"], labels["evidence_required"]),
        "guidance": cells["guidance"],
    }
    for key in ("code", "text", "max_points"):
        if values[key] in ("", None):
            raise RowError(_("%(column)s is required.") % {"column": labels[key]})
    if len(values["code"]) > 20 or len(values["target_unit"]) > 50:
        raise RowError(_("The code has at most 20 characters and the unit at most 50."))
    return values


def _rule_problems(values: dict) -> list[str]:
    rule = sr.CriterionRule(
        code=values["code"],
        max_points=values["max_points"],
        method=sr.Method(values["method"]),
        kind=sr.Kind(values["kind"]),
        target_value=values["target_value"] if values["method"] == CriterionMethod.TARGET else None,
        count_minimum=values["count_minimum"] if values["method"] == CriterionMethod.COUNT else None,
        minimum_points=values["minimum_points"],
    )
    return [message for messages in criterion_problems(rule).values() for message in messages]


class _Reader:
    """Collects the groups and every line's problems while reading the criteria sheet."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], GroupData] = {}
        self.codes: dict[str, int] = {}
        self.errors: list[str] = []
        headers = column_headers()
        self.labels = {key: headers[i] for i, (_msgid, key) in enumerate(COLUMNS)}

    def error(self, line: int, message: str) -> None:
        self.errors.append(_("Line %(line)s: %(message)s") % {"line": line, "message": message})

    def header(self, row: tuple) -> None:
        with override("en"):
            english = [h.casefold() for h in column_headers()]
        for position, expected in enumerate(column_headers()):
            found = _text(row[position] if position < len(row) else "").casefold()
            if found not in (expected.casefold(), english[position]):
                self.error(
                    1, _("the header row does not match the template (column %(column)s).") % {"column": position + 1}
                )
                return

    def row(self, line: int, row: tuple) -> None:
        cells = {key: _text(row[i]) if i < len(row) else "" for i, (_msgid, key) in enumerate(COLUMNS)}
        raw = {key: row[i] if i < len(row) else None for i, (_msgid, key) in enumerate(COLUMNS)}
        if not any(cells.values()):
            return
        if not cells["group_title"]:
            return self.error(line, _("%(column)s is required.") % {"column": self.labels["group_title"]})
        group = self.groups.setdefault(
            (cells["group_code"], cells["group_title"]), GroupData(cells["group_code"], cells["group_title"])
        )
        if not any(cells[key] for key in CRITERION_KEYS):
            return  # a group line without a criterion
        try:
            values = _criterion_values(cells, raw, self.labels)
        except RowError as error:
            return self.error(line, str(error))
        for problem in _rule_problems(values):
            self.error(line, problem)
        if values["code"] in self.codes:
            self.error(
                line,
                _("the code %(code)s is already used on line %(other)s.")
                % {"code": values["code"], "other": self.codes[values["code"]]},
            )
        self.codes.setdefault(values["code"], line)
        group.criteria.append(values)


def _workbook(content: bytes):
    invalid = ValidationError(_("The file is not a valid Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise invalid from error
    if "[Content_Types].xml" not in names or inflated > MAX_UNCOMPRESSED_BYTES:
        raise invalid
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises KeyError, ValueError, InvalidFileException… for bad files
        raise invalid from error


def _settings(workbook, errors: list[str]) -> dict:
    values: dict = {"declared_total": Decimal(100), "bonus_cap": None, "penalty_cap": None}
    if len(workbook.worksheets) < 2:
        return values
    rows = list(workbook.worksheets[1].iter_rows(min_row=1, max_row=len(SETTINGS), values_only=True))
    for line, ((msgid, key), row) in enumerate(zip(SETTINGS, rows, strict=False), start=1):
        try:
            number = _decimal(row[1] if len(row) > 1 else None, _(msgid))
        except RowError as error:
            errors.append(_("Sheet 2, line %(line)s: %(message)s") % {"line": line, "message": error})
            continue
        if key == "declared_total" and number is not None and number <= 0:
            message = _("%(column)s must be greater than 0.") % {"column": _(msgid)}
            errors.append(_("Sheet 2, line %(line)s: %(message)s") % {"line": line, "message": message})
        elif number is not None or key != "declared_total":
            values[key] = number
    return values


def table_import(*, campaign: Campaign, participant_kind: str, content: bytes) -> ScoringTable:
    """Replace the table of ``participant_kind`` from .xlsx bytes; ``ValidationError`` lists every bad line."""
    workbook = _workbook(content)
    try:
        reader = _Reader()
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        reader.header(next(rows, ()))
        for line, row in enumerate(rows, start=2):
            if line > MAX_ROWS:
                reader.error(line, _("the file has too many rows."))
                break
            reader.row(line, row)
        settings = _settings(workbook, reader.errors)
    finally:
        workbook.close()
    if reader.errors:
        raise ValidationError(reader.errors)
    data = TableData(groups=list(reader.groups.values()), **settings)
    return table_replace(campaign=campaign, participant_kind=participant_kind, data=data)
