"""Reading the workbook back into a table spec, collecting every problem of every row at once.

First each cell is read (numbers "0,25" or "0.25", choices by label or code, yes/no, the lists of parts, bands and
the lookup); then the rows are tied together by code (groups inside groups, criteria in groups, rule lines under
criteria); then the engine validates the whole spec and each of its problems is reported on the row and column it
is about. Problems caused by a cell already reported are not repeated.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import override

from campaigns import points as pt
from campaigns.tables.services import AMOUNT_TEMPLATES, translate
from campaigns.tables.workbook.cells import CellError, amount, text, yes_no
from campaigns.tables.workbook.layout import (
    AMOUNT_COLUMNS,
    BY_KEY,
    COLUMNS,
    CRITERION,
    GROUP,
    KEYS,
    MAX_ROWS,
    PROBLEM_COLUMNS,
    RANGE_KEYS,
    ROW_TYPES,
    RULE,
    SETTINGS,
    choice_words,
    column_headers,
    column_name,
    normal,
    sheet_names,
)
from campaigns.tables.workbook.rows import (
    CHOICES,
    CRITERION_CELLS,
    FLAGS,
    GROUP_CELLS,
    REQUIRED,
    RULE_CELLS,
    Row,
    criterion_spec,
)

SKIPPED_TEMPLATES = {pt.DUPLICATE_GROUP_CODE, pt.DUPLICATE_CRITERION_CODE, pt.DUPLICATE_RULE_CODE}
SUM_TEMPLATES = {pt.GROUP_MAX_MISMATCH, pt.TOTAL_MISMATCH}
TIER_TEMPLATES = {pt.EMPTY_TIER_NAME, pt.DUPLICATE_TIER_NAME, pt.TIERS_NOT_DESCENDING}
SETTING_LINES = {"total_standard_points": 2, "bonus_cap": 3, "penalty_cap": 4}
MAX_TEXT = {"code": 20, "parent": 20, "text": 5000, "input_label": 200, "size_label": 200, "target_label": 200}


class Reader:
    """Reads the sheets; ``errors`` collects (sort key, message) and ``spec()`` ties the rows together."""

    def __init__(self) -> None:
        self.errors: list[tuple[tuple, str]] = []
        self.words = {column.key: choice_words(column.choices) for column in COLUMNS if column.choices}
        self.rows: list[Row] = []
        self.tiers: list[tuple[int, pt.Tier]] = []
        self.settings: dict[str, Decimal | None] = {}
        self.names = sheet_names()
        self.incomplete = False  # a criterion is missing or its points unreadable: sums are not compared

    # reporting

    def error(self, line: int, column: str | None, message: str, *, sheet: str = "table") -> None:
        order = ("table", "settings", "tiers").index(sheet)
        if sheet != "table":
            text_ = _("Sheet “%(sheet)s”, line %(line)s: %(message)s")
            self.errors.append(
                ((order, line, 0), text_ % {"sheet": self.names[sheet], "line": line, "message": message})
            )
        elif column is None:
            self.errors.append(((order, line, 0), _("Line %(line)s: %(message)s") % {"line": line, "message": message}))
        else:
            params = {"line": line, "column": column_name(column), "message": message}
            key = (order, line, KEYS.index(column) + 1)
            self.errors.append((key, _("Line %(line)s, column %(column)s: %(message)s") % params))

    def messages(self) -> list[str]:
        return [message for _key, message in sorted(self.errors, key=lambda item: item[0])]

    # the table sheet

    def header(self, row: tuple) -> bool:
        """True when the header row matches the template (in the active language, Vietnamese or English)."""
        expected = [{normal(header)} for header in column_headers()]
        for language in ("vi", "en"):
            with override(language):
                for accepted, header in zip(expected, column_headers(), strict=True):
                    accepted.add(normal(header))
        good = True
        for index, accepted in enumerate(expected):
            found = normal(text(row[index] if index < len(row) else ""))
            if found not in accepted:
                message = _("the header does not match the template (expected “%(header)s”).")
                self.error(1, KEYS[index], message % {"header": COLUMNS[index].header})
                good = False
        return good

    def row(self, line: int, cells: tuple) -> None:
        raw = {key: cells[i] if i < len(cells) else None for i, key in enumerate(KEYS)}
        if all(text(value) == "" for value in raw.values()):
            return
        kind = self._choice(line, "row_type", raw["row_type"])
        if kind is None:
            if not text(raw["row_type"]):
                self.error(line, "row_type", _("say whether the row is a group, a criterion or a rule line."))
            return
        row = Row(line=line, kind=kind, code=text(raw["code"]), parent=text(raw["parent"]))
        readers = {GROUP: GROUP_CELLS, CRITERION: CRITERION_CELLS, RULE: RULE_CELLS}[kind]
        for key, read in readers.items():
            self._cell(row, key, read, raw[key])
        for key in CHOICES[kind]:
            row.values[key] = self._choice(line, key, raw[key], row)
        for key, default in FLAGS.get(kind, {}).items():
            self._cell(row, key, lambda value, default=default: yes_no(value, default), raw[key])
        self._complete(row)
        if kind == CRITERION and "points" in row.bad:
            self.incomplete = True
        self.rows.append(row)

    def _complete(self, row: Row) -> None:
        """Report texts too long and required cells left empty."""
        values = row.values | {"code": row.code, "parent": row.parent}
        for key, limit in MAX_TEXT.items():
            if isinstance(values.get(key), str) and len(values[key]) > limit:
                self.error(row.line, key, _("at most %(count)s characters.") % {"count": limit})
                row.bad.add(key)
        for key in REQUIRED[row.kind]:
            if values.get(key) in (None, "") and key not in row.bad:
                kind = dict(ROW_TYPES)[row.kind]
                self.error(row.line, key, _("this cell is required on a %(kind)s row.") % {"kind": kind})
                row.bad.add(key)

    def _cell(self, row: Row, key: str, read, value) -> None:
        try:
            row.values[key] = read(value)
        except CellError as error:
            self.error(row.line, key, str(error))
            row.bad.add(key)
            row.values[key] = None

    def _choice(self, line: int, key: str, value, row: Row | None = None):
        word = normal(text(value))
        if not word:
            return None
        if word in self.words[key]:
            return self.words[key][word]
        choices = ", ".join(f"“{label}”" for _value, label in BY_KEY[key].choices)
        self.error(line, key, _("“%(value)s” is not one of: %(choices)s.") % {"value": text(value), "choices": choices})
        if row is not None:
            row.bad.add(key)
        return None

    # the settings and tiers sheets

    def settings_sheet(self, sheet) -> None:
        rows = list(sheet.iter_rows(min_row=2, max_row=1 + len(SETTINGS), values_only=True)) if sheet else []
        for line, ((_label, attribute), cells) in enumerate(zip(SETTINGS, rows, strict=False), start=2):
            try:
                self.settings[attribute] = amount(cells[1] if len(cells) > 1 else None)
            except CellError as error:
                self.error(line, None, str(error), sheet="settings")
                self.settings[attribute] = None
        if self.settings.get("declared_total") == 0:
            self.error(2, None, _("the declared total must be greater than 0."), sheet="settings")

    def tiers_sheet(self, sheet) -> None:
        if sheet is None:
            return
        for line, cells in enumerate(sheet.iter_rows(min_row=2, max_row=60, values_only=True), start=2):
            name = text(cells[0] if cells else None)
            try:
                lower = amount(cells[1] if len(cells) > 1 else None)
            except CellError as error:
                self.error(line, None, str(error), sheet="tiers")
                continue
            if not name and lower is None:
                continue
            if lower is None:
                self.error(
                    line, None, _("the tier %(name)s needs the points it starts from.") % {"name": name}, sheet="tiers"
                )
                continue
            self.tiers.append((line, pt.Tier(name=name, lower=lower)))

    # tying the rows together

    def spec(self) -> pt.TableSpec:
        """The table of the rows read so far (rows in error are left out or stand with what could be read)."""
        index = {kind: self._index(kind) for kind in (GROUP, CRITERION, RULE)}
        self.index = index
        groups = self._placed_groups(index[GROUP])
        criteria_of: dict[str, list[Row]] = defaultdict(list)
        for row in index[CRITERION].values():
            if self._parent_known(row, groups, _("there is no group with the code %(code)s.")):
                criteria_of[row.parent].append(row)
            else:
                self.incomplete = True
        rules_of: dict[str, list[Row]] = defaultdict(list)
        for row in index[RULE].values():
            if self._parent_known(row, index[CRITERION], _("there is no criterion with the code %(code)s.")):
                rules_of[row.parent].append(row)
        children: dict[str, list[Row]] = defaultdict(list)
        for row in groups.values():
            children[row.parent].append(row)

        def build(parent: str) -> tuple[pt.GroupSpec, ...]:
            return tuple(
                pt.GroupSpec(
                    code=row.code,
                    name=row.values.get("text") or "",
                    max_points=row.values.get("points"),
                    groups=build(row.code),
                    criteria=tuple(criterion_spec(c, rules_of[c.code]) for c in criteria_of[row.code]),
                )
                for row in children[parent]
            )

        return pt.TableSpec(
            groups=build(""),
            tiers=tuple(tier for _line, tier in self.tiers),
            bonus_cap=self.settings.get("bonus_cap"),
            penalty_cap=self.settings.get("penalty_cap"),
            declared_total=self.settings.get("declared_total"),
        )

    def _index(self, kind: str) -> dict[str, Row]:
        """The rows of ``kind`` by code; a code used twice is reported on the later row."""
        found: dict[str, Row] = {}
        for row in self.rows:
            if row.kind != kind or not row.code or "code" in row.bad:
                continue
            if row.code in found:
                message = _("the code %(code)s is already used on line %(other)s.")
                self.error(row.line, "code", message % {"code": row.code, "other": found[row.code].line})
                self.incomplete = self.incomplete or kind == CRITERION
                continue
            found[row.code] = row
        return found

    def _parent_known(self, row: Row, parents: dict[str, Row], message: str) -> bool:
        if row.parent in parents:
            return True
        if row.parent and "parent" not in row.bad:
            self.error(row.line, "parent", message % {"code": row.parent})
        return False

    def _placed_groups(self, groups: dict[str, Row]) -> dict[str, Row]:
        """The groups reachable from the top; the others (unknown parent, or inside themselves) are reported."""
        placed: dict[str, Row] = {}
        frontier = [""]
        while frontier:
            parent = frontier.pop()
            for row in groups.values():
                if row.parent == parent and row.code not in placed:
                    placed[row.code] = row
                    frontier.append(row.code)
        for row in groups.values():
            if row.code in placed:
                continue
            self.incomplete = True
            if row.parent not in groups:
                self.error(row.line, "parent", _("there is no group with the code %(code)s.") % {"code": row.parent})
            else:
                self.error(row.line, "parent", _("the group is inside itself through the groups it belongs to."))
        return placed

    # the engine's problems, each on its row and column

    def check(self, spec: pt.TableSpec) -> None:
        for problem in pt.validate_table(spec):
            if problem.template in SKIPPED_TEMPLATES or (problem.template in SUM_TEMPLATES and self.incomplete):
                continue
            place = self._place(problem)
            if place is None:
                self.errors.append(((9, 0, 0), translate(problem)))
                continue
            sheet, line, column, row = place
            if row is not None and column in row.bad:
                continue  # the cell was already reported
            self.error(line, column if sheet == "table" else None, translate(problem), sheet=sheet)

    def _place(self, problem: pt.Message):
        params, template = problem.params, problem.template
        rules, criteria, groups = self.index[RULE], self.index[CRITERION], self.index[GROUP]
        if template in TIER_TEMPLATES or (template in AMOUNT_TEMPLATES and self._tier_line(params.get("where"))):
            line = self._tier_line(params.get("name") or params.get("where"), params.get("position"))
            return ("tiers", line, None, None) if line else None
        if template == pt.TOTAL_MISMATCH:
            return "settings", SETTING_LINES["total_standard_points"], None, None
        if template in AMOUNT_TEMPLATES:
            return self._amount_place(str(params.get("where", "")), str(params.get("field", "")))
        if params.get("rule") in rules:
            row = rules[params["rule"]]
            return "table", row.line, PROBLEM_COLUMNS.get(template), row
        if params.get("criterion") in criteria:
            row = criteria[params["criterion"]]
            return "table", row.line, self._criterion_column(row, template, params), row
        if params.get("group") in groups:
            row = groups[params["group"]]
            return "table", row.line, "points", row
        return None

    def _criterion_column(self, row: Row, template: str, params: dict) -> str | None:
        if params.get("field") in RANGE_KEYS:
            return RANGE_KEYS[params["field"]]
        if template == pt.POINTS_ABOVE_STANDARD:
            return "lookup_points" if row.values.get("method") == pt.BaseKind.LOOKUP else "bands"
        return PROBLEM_COLUMNS.get(template)

    def _amount_place(self, where: str, name: str):
        if name in SETTING_LINES:
            return "settings", SETTING_LINES[name], None, None
        code, _sep, inner = where.partition(", ")
        column = AMOUNT_COLUMNS.get(name, name if name in KEYS else None)
        if inner and inner in self.index[RULE]:
            row = self.index[RULE][inner]
            return "table", row.line, column, row
        if code in self.index[CRITERION]:
            row = self.index[CRITERION][code]
            if inner or name in ("from", "below") or column is None:
                column = self._criterion_column(row, pt.POINTS_ABOVE_STANDARD, {}) if not inner else "parts"
            return "table", row.line, column, row
        if code in self.index[GROUP]:
            row = self.index[GROUP][code]
            return "table", row.line, "points", row
        return None

    def _tier_line(self, name, position=None) -> int | None:
        if position is not None and 0 < int(position) <= len(self.tiers):
            return self.tiers[int(position) - 1][0]
        return next((line for line, tier in self.tiers if name is not None and tier.name.strip() == str(name)), None)


def read(workbook) -> tuple[pt.TableSpec, list[str]]:
    """The spec in ``workbook`` (an openpyxl workbook) and every problem found, in sheet, line and column order."""
    reader = Reader()
    sheets = workbook.worksheets
    rows = sheets[0].iter_rows(values_only=True)
    if reader.header(next(rows, ())):
        for line, cells in enumerate(rows, start=2):
            if line > MAX_ROWS + 1:
                reader.error(line, None, _("the file has too many rows (at most %(count)s).") % {"count": MAX_ROWS})
                break
            reader.row(line, cells)
    reader.settings_sheet(sheets[1] if len(sheets) > 1 else None)
    reader.tiers_sheet(sheets[2] if len(sheets) > 2 else None)
    spec = reader.spec()
    if not any(key[0] == 0 and key[1] == 1 for key, _message in reader.errors):  # the header was right
        reader.check(spec)
    return spec, reader.messages()
