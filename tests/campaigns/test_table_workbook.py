"""The scoring table as an Excel workbook: the template offered before any table exists, the exact round trip
(the worked example and every demo table), and an import that reports every problem of every row at once in
Vietnamese, all or nothing."""

import io
from io import StringIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns import points as pt
from campaigns.models import ScoringTable
from campaigns.tables import services as ts
from campaigns.tables import spec as tspec
from campaigns.tables.workbook import column_headers, example_spec, table_export, table_import
from campaigns.tables.workbook.layout import COLUMNS, KEYS, column_name, sheet_names
from tests.campaigns.table_helpers import draft_campaign
from tests.campaigns.table_helpers import example_spec as worked_example

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    """Expected texts in the pages' language, whatever an earlier test of the worker left active."""
    with translation.override("vi"):
        yield


@pytest.fixture
def campaign(org_tree):
    return draft_campaign(org_tree["root"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def _import(client, campaign, content: bytes, kind="collective"):
    upload = SimpleUploadedFile("bang.xlsx", content)
    return client.post(_url("table-import", campaign.pk), {"participant_kind": kind, "file": upload})


def _values(content: bytes) -> list[list[list]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets]


def _spec(table) -> object:
    return tspec.table_spec(ScoringTable.objects.get(pk=table.pk))


# --- the template ------------------------------------------------------------------------------------------


def test_template_is_offered_before_any_table_exists(officer_client, campaign):
    page = officer_client.get(_url("table-import", campaign.pk)).content.decode()
    assert _url("table-template", campaign.pk) in page and not ScoringTable.objects.exists()
    assert _url("table-template", campaign.pk) in officer_client.get(_url("table-list", campaign.pk)).content.decode()
    response = officer_client.get(_url("table-template", campaign.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "mau-bang-cham-diem.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    names = sheet_names()
    assert workbook.sheetnames == [names[key] for key in ("table", "settings", "tiers", "guide", "lists")]
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == column_headers()
    assert sheet["B1"].value == "Mã" and sheet["E1"].value == "Điểm"  # Vietnamese headers
    listed = {str(rng).split(":")[0][0] for dv in sheet.data_validations.dataValidation for rng in dv.sqref.ranges}
    assert {"A", "F", "G", "H", "I"} <= listed  # row type, criterion kind, base method, rule kind, per
    lists = workbook[names["lists"]]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["A"]][1:4] == [
        translation.pgettext("workbook row", w) for w in ("group", "criterion", "rule line")
    ]
    guide = [row[0] for row in workbook[names["guide"]].iter_rows(values_only=True)]
    assert all(str(column.header) in guide for column in COLUMNS)
    assert sheet["A2"].value == translation.pgettext("workbook row", "group") and sheet.max_row == 10


def test_the_template_imports_as_it_is(officer_client, campaign):
    content = officer_client.get(_url("table-template", campaign.pk)).content
    response = _import(officer_client, campaign, content)
    table = ScoringTable.objects.get(campaign=campaign)
    assert response.status_code == 302 and _spec(table) == example_spec()


def test_template_needs_the_right_to_edit_tables(client, scorer_a, campaign):
    client.force_login(scorer_a)
    assert client.get(_url("table-template", campaign.pk)).status_code == 404


# --- the round trip ----------------------------------------------------------------------------------------


def test_round_trip_of_the_worked_example_is_exact(officer_client, campaign, org_tree):
    """rule-table-example.json → table_replace → export → import elsewhere → the same spec and the same file."""
    table = ts.table_replace(campaign=campaign, participant_kind="collective", spec=worked_example())
    assert _spec(table) == worked_example()
    exported = officer_client.get(_url("table-export", campaign.pk, table.pk)).content
    other = draft_campaign(org_tree["root"], plan_number="02-KH/BTGTU")
    response = _import(officer_client, other, exported)
    imported = ScoringTable.objects.get(campaign=other)
    assert response.status_code == 302 and _spec(imported) == worked_example()
    assert _values(table_export(table=imported)) == _values(exported)
    rows = _values(exported)[0]
    c2 = next(row for row in rows if row[1] == "C2")
    assert c2[KEYS.index("lookup_points")] == "8 | 6 | 3\n8 | 6,5 | 3,5\n8 | 7 | 4,5"  # Vietnamese numbers


def test_round_trip_of_every_demo_table_is_exact(org_tree):
    call_command("load_demo", stdout=StringIO())
    tables = list(ScoringTable.objects.all())
    assert len(tables) >= 4
    for number, table in enumerate(tables):
        target = draft_campaign(org_tree["root"], plan_number=f"RT-{number}", participant_scope="both")
        imported = table_import(
            campaign=target, participant_kind=table.participant_kind, content=table_export(table=table)
        )
        assert _spec(imported) == _spec(table), table


def test_a_workbook_written_in_english_imports(campaign):
    with translation.override("en"):
        content = table_export(
            table=ts.table_replace(campaign=campaign, participant_kind="collective", spec=worked_example())
        )
    imported = table_import(campaign=campaign, participant_kind="collective", content=content)
    assert _spec(imported) == worked_example()


# --- refusals ----------------------------------------------------------------------------------------------


def _workbook(rows, tiers=(), settings=(100, None, None)) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(column_headers())
    for cells in rows:
        sheet.append([cells.get(key) for key in KEYS])
    extra = workbook.create_sheet("Thiết lập")
    extra.append(["Thiết lập", "Giá trị"])
    for value in settings:
        extra.append(["", value])
    tier_sheet = workbook.create_sheet("Xếp loại")
    tier_sheet.append(["Xếp loại", "Từ"])
    for tier in tiers:
        tier_sheet.append(list(tier))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GROUP, CRITERION, RULE = "nhóm", "tiêu chí", "dòng quy tắc"
BAD_ROWS = [
    {"row_type": GROUP, "code": "I", "text": "Tiêu chuẩn I"},  # line 2: good
    {"row_type": CRITERION, "code": "1", "parent": "I", "text": "Lẻ điểm", "points": "0,125"},  # 3
    {"row_type": CRITERION, "parent": "I", "text": "Không mã", "points": 5},  # 4
    {"row_type": CRITERION, "code": "2", "parent": "I", "text": "Tốt", "points": 50},  # 5: good
    {"row_type": CRITERION, "code": "2", "parent": "I", "text": "Trùng mã", "points": 5},  # 6
    {"row_type": CRITERION, "code": "6", "parent": "I", "text": "Sai cách chấm", "points": 5, "method": "bói toán"},
    {"row_type": CRITERION, "code": "7", "parent": "I", "text": "Chỉ tiêu", "points": 5, "method": "target"},  # 8
    {"row_type": RULE, "code": "9.1", "parent": "ZZ", "rule_kind": "trừ", "per": "mỗi lần", "points": 1},  # 9
    {"row_type": RULE, "code": "2.1", "parent": "2", "rule_kind": "either", "bonus": "0,5"},  # 10
    {"row_type": CRITERION, "code": "11", "parent": "I", "text": "Dải", "points": 8, "method": "bands"}
    | {"bands": "98 |  | 8\n90 | 99 | 5\n0 | 90 | 2"},  # 11: overlap
    {"row_type": GROUP, "code": "B", "parent": "KHÔNG", "text": "Nhóm lạc"},  # 12
    {"row_type": "bảng", "code": "X"},  # 13
]


def _problems(campaign, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        table_import(campaign=campaign, participant_kind="collective", content=content)
    return caught.value.messages


def _at(line: int, column: str | None = None) -> str:
    if column is None:
        return _("Line %(line)s: %(message)s") % {"line": line, "message": ""}
    return _("Line %(line)s, column %(column)s: %(message)s") % {
        "line": line,
        "column": column_name(column),
        "message": "",
    }


def test_bad_import_reports_every_row_at_once_and_writes_nothing(officer_client, campaign):
    table = ts.table_replace(campaign=campaign, participant_kind="collective", spec=worked_example())
    before = _spec(table)
    content = _workbook(BAD_ROWS, tiers=[("Xuất sắc", 90), ("Khá", 95)])
    response = _import(officer_client, campaign, content)
    errors = list(response.context["form"].non_field_errors())
    assert response.status_code == 400 and _spec(table) == before
    expected = {
        3: "points",
        4: "code",
        6: "code",
        7: "method",
        8: "target",
        9: "parent",
        10: "bonus",
        11: "bands",
        12: "parent",
        13: "row_type",
    }
    for line, column in expected.items():
        assert any(e.startswith(_at(line, column)) for e in errors), (line, column, errors)
    assert not any(e.startswith(_at(2)[:-2]) or e.startswith(_at(5)[:-2]) for e in errors)
    assert any("0,125" in e for e in errors if e.startswith(_at(3, "points")))  # Vietnamese number format
    assert not any("0.125" in e for e in errors)
    tiers = _("Sheet “%(sheet)s”, line %(line)s: %(message)s") % {
        "sheet": sheet_names()["tiers"],
        "line": 3,
        "message": "",
    }
    assert any(e.startswith(tiers) for e in errors)
    firsts = [
        next(i for i, e in enumerate(errors) if e.startswith(_at(line, column))) for line, column in expected.items()
    ]
    assert firsts == sorted(firsts) and errors[-1].startswith(tiers)  # in sheet, line and column order


def test_import_error_names_the_code_and_the_column(campaign):
    rows = [
        {"row_type": GROUP, "code": "I", "text": "Tiêu chuẩn I"},
        {"row_type": CRITERION, "code": "A1", "parent": "I", "text": "Hồ sơ", "points": 100, "method": "yes_no_parts"}
        | {"parts": "a | Có kế hoạch | 40\nb | Có kiểm tra | 40,5"},
    ]
    [problem] = _problems(campaign, _workbook(rows))
    assert problem.startswith(_at(3, "parts")) and "A1" in problem and "80,5" in problem


def test_non_xlsx_file_is_rejected(officer_client, campaign):
    for name, content in [("bang.xlsx", b"not a workbook"), ("bang.csv", b"a,b\n1,2\n")]:
        upload = SimpleUploadedFile(name, content)
        response = officer_client.post(
            _url("table-import", campaign.pk), {"participant_kind": "collective", "file": upload}
        )
        assert _("The file is not a valid Excel workbook (.xlsx).") in response.content.decode()
    assert not ScoringTable.objects.filter(campaign=campaign).exists()


def test_bad_settings_and_header_are_reported(campaign):
    rows = [
        {"row_type": GROUP, "code": "I"},
        {"row_type": CRITERION, "code": "1", "parent": "I", "text": "T", "points": 100},
    ]
    [problem] = _problems(campaign, _workbook(rows, settings=("một trăm", None, None)))
    assert problem.startswith(
        _("Sheet “%(sheet)s”, line %(line)s: %(message)s")
        % {"sheet": sheet_names()["settings"], "line": 2, "message": ""}
    )
    workbook = openpyxl.load_workbook(io.BytesIO(_workbook(rows)))
    workbook.active["E1"] = "Điểm tối đa"
    buffer = io.BytesIO()
    workbook.save(buffer)
    [problem] = _problems(campaign, buffer.getvalue())
    assert problem.startswith(_at(1, "points")) and not ScoringTable.objects.exists()


def test_too_many_rows_are_refused(campaign, monkeypatch):
    monkeypatch.setattr("campaigns.tables.workbook.reader.MAX_ROWS", 3)
    rows = [{"row_type": GROUP, "code": f"G{n}"} for n in range(5)]
    problems = _problems(campaign, _workbook(rows))
    assert any(p.startswith(_at(5)) for p in problems) and not ScoringTable.objects.exists()


def test_export_has_one_row_per_group_criterion_and_rule_line(campaign):
    spec = worked_example()
    table = ts.table_replace(campaign=campaign, participant_kind="collective", spec=spec)
    rows = _values(table_export(table=ScoringTable.objects.get(pk=table.pk)))[0][1:]
    criteria = list(pt.iter_criteria(spec))
    groups = list(pt.iter_groups(spec.groups))
    assert len(rows) == len(groups) + len(criteria) + sum(len(c.rules) for c in criteria)
    assert [row[1] for row in rows[:5]] == ["I", "A", "A1", "A1.1", "A2"]
