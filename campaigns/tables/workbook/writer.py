"""Writing a table spec as the workbook: one row per group, criterion and rule line, the settings and tiers sheets,
the instructions, and the lists behind the choice cells. The template is the same workbook holding a small worked
example (so it imports as it is)."""

from __future__ import annotations

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from campaigns import points as pt
from campaigns.tables.workbook.layout import (
    COLUMNS,
    CRITERION,
    GROUP,
    ITEM_SEPARATOR,
    KEYS,
    MAX_ROWS,
    RULE,
    SETTINGS,
    amount_text,
    column_headers,
    label_of,
    sheet_names,
)
from common.spreadsheets import cells_as_text

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _row(**cells) -> list:
    return [cells.get(key) for key in KEYS]


def _yes_no(value: bool) -> str:
    return label_of("evidence_required", bool(value))


def _items(lines) -> str:
    return "\n".join(ITEM_SEPARATOR.join(part for part in line).rstrip(" |") for line in lines)


def _range(item: pt.Band | pt.Span) -> list[str]:
    cells = [amount_text(item.lower), amount_text(item.below)]
    if isinstance(item, pt.Band):
        cells.append(amount_text(item.points))
    return [*cells, item.name]


def _base_cells(base: pt.BaseSpec) -> dict:
    """The cells of a base method: its own settings, and the officer's labels whatever the method."""
    kind = base.kind
    cells: dict = {
        "method": label_of("method", kind.value),
        "input_label": base.input_label,
        "size_label": base.size_label,
        "target_label": base.target_label,
    }
    if kind is pt.BaseKind.TARGET:
        cells["target"] = base.target
    if kind is pt.BaseKind.COUNT_MINIMUM:
        cells |= {"minimum": base.minimum, "partial": _yes_no(base.partial)}
    if kind is pt.BaseKind.RELATIVE_TO_LEADER and base.scope is not None:
        cells["scope"] = label_of("scope", base.scope.value)
    if kind is pt.BaseKind.YES_NO_PARTS:
        cells["parts"] = _items([part.code, part.text, amount_text(part.points)] for part in base.parts)
    if kind is pt.BaseKind.BANDS:
        cells["bands"] = _items(_range(band) for band in base.bands)
    if kind is pt.BaseKind.LOOKUP:
        cells["lookup_rows"] = _items(_range(row) for row in base.rows)
        cells["lookup_columns"] = _items(_range(column) for column in base.columns)
        cells["lookup_points"] = _items([amount_text(cell) for cell in line] for line in base.matrix)
    return {key: value for key, value in cells.items() if value not in ("", None)}


def _criterion_row(criterion: pt.CriterionSpec, group_code: str) -> list:
    return _row(
        row_type=label_of("row_type", CRITERION),
        code=criterion.code,
        parent=group_code,
        text=criterion.text,
        points=criterion.standard_points,
        role=label_of("role", criterion.role.value),
        deduction_cap=criterion.deduction_cap,
        bonus_cap=criterion.bonus_cap,
        minimum_points=criterion.minimum_points,
        evidence_required=_yes_no(criterion.evidence_required),
        notes=criterion.notes or None,
        **_base_cells(criterion.base),
    )


def _rule_row(rule: pt.RuleSpec, criterion_code: str) -> list:
    uses_flag = rule.kind in (pt.RuleKind.BONUS, pt.RuleKind.EITHER, pt.RuleKind.STEP_BONUS)
    return _row(
        row_type=label_of("row_type", RULE),
        code=rule.code,
        parent=criterion_code,
        text=rule.text or None,
        points=rule.points,
        rule_kind=label_of("rule_kind", rule.kind.value),
        per=label_of("per", rule.per.value) if rule.per else None,
        bonus=rule.bonus,
        deduction=rule.deduction,
        above=rule.above,
        step=rule.step,
        cap=rule.cap,
        only_without_deductions=_yes_no(rule.only_without_deductions) if uses_flag else None,
        input_label=rule.input_label or None,
    )


def _group_rows(groups, parent_code: str | None):
    for group in groups:
        yield _row(
            row_type=label_of("row_type", GROUP),
            code=group.code,
            parent=parent_code,
            text=group.name or None,
            points=group.max_points,
        )
        for criterion in group.criteria:
            yield _criterion_row(criterion, group.code)
            for rule in criterion.rules:
                yield _rule_row(rule, criterion.code)
        yield from _group_rows(group.groups, group.code)


def _table_sheet(sheet, spec: pt.TableSpec, lists: dict[str, str]) -> None:
    sheet.append(column_headers())
    for row in _group_rows(spec.groups, None):
        sheet.append(row)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet.cell(row=1, column=index).font = BOLD
        if column.key in lists:
            validation = DataValidation(type="list", formula1=lists[column.key], allow_blank=True)
            validation.errorStyle = "warning"  # other spellings (English, codes) are accepted on import
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    sheet.freeze_panes = "E2"


def _lists_sheet(workbook, name: str) -> dict[str, str]:
    """A hidden sheet with one column per choice list; returns column key → the list's range formula."""
    sheet = workbook.create_sheet(name)
    formulas = {}
    listed = [column for column in COLUMNS if column.choices]
    for index, column in enumerate(listed, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=str(column.header)).font = BOLD
        for row, (_value, label) in enumerate(column.choices, start=2):
            sheet.cell(row=row, column=index, value=str(label))
        formulas[column.key] = f"'{name}'!${letter}$2:${letter}${len(column.choices) + 1}"
    sheet.sheet_state = "hidden"
    return formulas


def _guide_sheet(sheet) -> None:
    lines = [
        _("How to fill in this workbook"),
        _(
            "Each row of the first sheet is a group, a criterion or a rule line. Groups nest to any depth "
            "(standard → section → …) through “Belongs to”; a criterion belongs to a group and a rule line to a "
            "criterion."
        ),
        _("Numbers take at most 2 decimals, written 0,25 or 0.25; do not separate thousands."),
        _("A cell holding a list (parts, bands, lookup) has one item per line: press Alt+Enter between items."),
        _("The import is all or nothing: every problem of every row is listed; nothing changes until none is left."),
        _("The second sheet holds the declared total and the caps of the table; the third the tiers, best first."),
        "",
    ]
    for line in lines:
        sheet.append([line])
    sheet.append([_("Column"), _("What it holds"), _("Choices")])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for column in COLUMNS:
        choices = ", ".join(str(label) for _value, label in column.choices)
        sheet.append([str(column.header), str(column.help), choices or None])
    sheet["A1"].font = BOLD
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 50
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = WRAP


def workbook_bytes(spec: pt.TableSpec) -> bytes:
    """The workbook of ``spec`` in the active language."""
    names = sheet_names()
    workbook = openpyxl.Workbook()
    table = workbook.active
    table.title = names["table"]
    settings = workbook.create_sheet(names["settings"])
    tiers = workbook.create_sheet(names["tiers"])
    guide = workbook.create_sheet(names["guide"])
    lists = _lists_sheet(workbook, names["lists"])
    _table_sheet(table, spec, lists)
    settings.append([_("Setting"), _("Value")])
    for label, attribute in SETTINGS:
        settings.append([str(label), getattr(spec, attribute)])
    tiers.append([_("Tier"), _("From (points)")])
    for tier in spec.tiers:
        tiers.append([tier.name, tier.lower])
    for sheet in (settings, tiers):
        sheet.column_dimensions["A"].width = 28
        for cell in sheet[1]:
            cell.font = BOLD
    _guide_sheet(guide)
    buffer = io.BytesIO()
    cells_as_text(workbook).save(buffer)  # typed text never becomes a formula
    return buffer.getvalue()


# A small worked example for the template: nested groups, bands, a shared deduction cap, a bonus that counts only
# without deductions, yes/no parts and a gate (data, in Vietnamese like the tables it stands for).
EXAMPLE = {
    "total_standard_points": 20,
    "bonus_cap": 2,
    "tiers": [{"name": "Xuất sắc", "from": 18}, {"name": "Khá", "from": 14}, {"name": "Trung bình", "from": 0}],
    "groups": [
        {
            "code": "I",
            "name": "Tiêu chuẩn I: Thực hiện nhiệm vụ chuyên môn",
            "max_points": 20,
            "groups": [
                {
                    "code": "A",
                    "name": "Cải cách hành chính",
                    "max_points": 20,
                    "criteria": [
                        {
                            "code": "A1",
                            "text": "Giải quyết hồ sơ thủ tục hành chính đúng hạn",
                            "standard_points": 8,
                            "base": {
                                "kind": "bands",
                                "input": "Tỷ lệ hồ sơ giải quyết đúng hạn (%)",
                                "bands": [
                                    {"from": 98, "points": 8},
                                    {"from": 90, "below": 98, "points": "6.5"},
                                    {"from": 0, "below": 90, "points": 2},
                                ],
                            },
                            "rules": [
                                {
                                    "code": "A1.1",
                                    "kind": "deduction",
                                    "per": "occurrence",
                                    "points": "0.2",
                                    "cap": 1,
                                    "text": "Mỗi hồ sơ trễ hạn không có văn bản xin lỗi: trừ 0,2 điểm (tối đa 1 điểm).",
                                }
                            ],
                        },
                        {
                            "code": "A2",
                            "text": "Thực hiện chế độ báo cáo",
                            "standard_points": 7,
                            "base": {"kind": "standard"},
                            "deduction_cap": 3,
                            "rules": [
                                {
                                    "code": "A2.1",
                                    "kind": "deduction",
                                    "per": "occurrence",
                                    "points": "0.5",
                                    "text": "Mỗi báo cáo gửi trễ hạn: trừ 0,5 điểm.",
                                },
                                {
                                    "code": "A2.2",
                                    "kind": "bonus",
                                    "per": "occurrence",
                                    "points": "0.5",
                                    "cap": 1,
                                    "only_without_deductions": True,
                                    "text": "Mỗi lần được biểu dương: cộng 0,5 điểm (tối đa 1 điểm, khi không bị trừ).",
                                },
                            ],
                            "notes": "Tổng điểm trừ của mục A2 không quá 3 điểm.",
                        },
                        {
                            "code": "A3",
                            "text": "Báo cáo tổng kết năm",
                            "standard_points": 5,
                            "base": {
                                "kind": "yes_no_parts",
                                "parts": [{"code": "A3.a", "points": 5, "text": "Gửi báo cáo đúng hạn"}],
                            },
                            "rules": [
                                {
                                    "code": "A3.1",
                                    "kind": "gate",
                                    "text": "Không gửi báo cáo tổng kết năm: không xếp loại thi đua.",
                                }
                            ],
                        },
                    ],
                }
            ],
        }
    ],
}


def example_spec() -> pt.TableSpec:
    return pt.table_from_dict(EXAMPLE)


def template_bytes() -> bytes:
    """The template: the workbook of the worked example, with its instructions and lists."""
    return workbook_bytes(example_spec())
