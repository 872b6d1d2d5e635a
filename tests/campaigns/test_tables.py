"""Scoring tables and tiers through their pages: the seed tables (Sóc Trăng 004, Đồng Tháp 003) and the worked
example built in the editor (nested groups, every base method with its settings, every rule kind), the live sums,
amounts with two decimals, the preview laid out like the document, tiers per table, permissions and constant query
counts. The Excel workbook is tested in test_table_workbook.py."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns import points as pt
from campaigns.enums import ParticipantKind
from campaigns.models import Criterion, CriterionGroup, CriterionRule, Participant, ScoringTable, Tier
from campaigns.planning import services
from campaigns.tables import services as ts
from campaigns.tables import spec as tspec
from tests.campaigns.table_helpers import add_minimal_scoring, draft_campaign, example_spec

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    """Expected texts in the pages' language, whatever an earlier test of the worker left active."""
    with translation.override("vi"):
        yield


HTMX = {"HTTP_HX_REQUEST": "true"}
SOC_TRANG = [  # seed 004: 10 criteria summing to 100 points
    ("1", "Theo dõi, nắm diễn biến tư tưởng, dư luận xã hội", "5"),
    ("2", "Công tác tham mưu của Ban Tuyên giáo đối với cấp ủy cùng cấp", "5"),
    ("3", "Công tác tuyên truyền, hoạt động báo cáo viên, tuyên truyền viên", "15"),
    ("4", "Công tác tham mưu mua, đọc báo Đảng", "5"),
    ("5", "Phối hợp với cơ quan Nhà nước cùng cấp (Quyết định 238-QĐ/TW)", "5"),
    ("6", "Công tác khoa giáo, văn hóa – văn nghệ", "40"),
    ("7", "Giáo dục lý luận chính trị và lịch sử Đảng", "10"),
    ("8", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "5"),
    ("9", "Tổ chức bộ máy", "2"),
    ("10", "Chế độ báo cáo", "8"),
]
SOC_TRANG_TIERS = [("Xuất sắc", "90"), ("Khá", "70"), ("Trung bình", "50"), ("Yếu", "0")]
DONG_THAP_TARGETS = [  # seed 003: quantitative targets for collectives
    ("1", "Tỷ lệ văn bản điện tử", "100", "% văn bản điện tử"),
    ("2", "Cán bộ được đào tạo, bồi dưỡng", "100", "% cán bộ"),
    ("3", "Cán bộ được đào tạo kỹ năng số, dữ liệu", "50", "% cán bộ"),
    ("4", "Cuộc họp trực tuyến", "80", "% cuộc họp"),
]


@pytest.fixture
def campaign(org_tree):
    return draft_campaign(org_tree["root"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def _vi(amount) -> str:
    """An amount typed the Vietnamese way: "6,5"."""
    return format(Decimal(amount), "f").replace(".", ",")


def _criterion_data(code, text, max_points, **extra):
    data = {"code": code, "text": text, "max_points": max_points, "kind": "regular", "method": "manual"}
    return data | {"target_value": "", "target_unit": "", "count_minimum": "", "minimum_points": ""} | extra


def _new_table(client, campaign, kind="collective", total="100"):
    client.post(_url("table-create", campaign.pk), {"participant_kind": kind, "declared_total": total})
    return ScoringTable.objects.get(campaign=campaign, participant_kind=kind)


def _new_group(client, campaign, table, code, title, parent=None, max_points=""):
    data = {"code": code, "title": title, "parent": parent.pk if parent else "", "max_points": max_points}
    client.post(_url("table-group-create", campaign.pk, table.pk), data, **HTMX)
    return CriterionGroup.objects.get(table=table, code=code)


def _add(client, campaign, table, group, *args, **extra):
    url = _url("table-criterion-create", campaign.pk, table.pk, group.pk)
    return client.post(url, _criterion_data(*args, **extra), **HTMX)


def _tiers(client, campaign, rows, table=None, **extra):
    data = {"tiers-TOTAL_FORMS": str(len(rows)), "tiers-INITIAL_FORMS": "0"} | extra
    for i, (name, bound) in enumerate(rows):
        data |= {f"tiers-{i}-name": name, f"tiers-{i}-lower_bound": bound}
    query = f"?table={table.pk}" if table else ""
    return client.post(_url("tier-list", campaign.pk) + query, data, **(HTMX if "insert" in extra else {}))


def _tier_rows(table):
    return list(Tier.objects.filter(table=table).order_by("position").values_list("name", "lower_bound"))


@pytest.fixture
def soc_trang(officer_client, campaign):
    """The seed-004 table built through the editor: one group, ten manual criteria, four tiers."""
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nội dung thi đua")
    for code, text, points in SOC_TRANG:
        _add(officer_client, campaign, table, group, code, text, points)
    _tiers(officer_client, campaign, SOC_TRANG_TIERS)
    return table


# --- the seeds ---------------------------------------------------------------------------------------------


def test_seed_004_table_is_built_in_the_editor(soc_trang, officer_client, campaign):
    rows = list(Criterion.objects.filter(table=soc_trang).order_by("position").values_list("code", "max_points"))
    assert rows == [(code, Decimal(points)) for code, _text, points in SOC_TRANG]
    assert _tier_rows(soc_trang) == [(name, Decimal(bound)) for name, bound in SOC_TRANG_TIERS]
    page = officer_client.get(_url("table-detail", campaign.pk, soc_trang.pk))
    assert page.context["tree"].standard_total == Decimal(100)
    assert 'class="fs-5 fw-semibold text-success"' in page.content.decode()
    assert ts.campaign_table_problems(campaign) == []


def test_running_total_is_red_until_the_table_adds_up(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    response = _add(officer_client, campaign, table, group, "1", "Tiêu chí", "40,25")
    body = response.content.decode()
    mismatch = _("The criteria add up to %(total)s points but the table declares %(declared)s.")
    assert response.context["tree"].standard_total == Decimal("40.25") and "text-danger" in body
    assert mismatch % {"total": "40,25", "declared": "100"} in body
    assert response["HX-Retarget"] == "#table-editor" and "<html" not in body


def test_seed_003_target_criteria(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "II", "Chuyển đổi số")
    for code, text, target, unit in DONG_THAP_TARGETS:
        extra = {"method": "target", "target_value": target, "target_unit": unit, "evidence_required": "on"}
        _add(officer_client, campaign, table, group, code, text, "25", **extra)
    rows = Criterion.objects.filter(table=table).order_by("position")
    assert [(c.method, c.target_value, c.target_unit, c.evidence_required) for c in rows] == [
        ("target", Decimal(t), u, True) for _c, _t, t, u in DONG_THAP_TARGETS
    ]
    preview = officer_client.get(_url("table-preview", campaign.pk, table.pk)).content.decode()
    described = ts.translate(pt.describe_base(tspec.criterion_spec(rows[0])))
    assert described in preview and "% văn bản điện tử" in preview


def test_method_fields_not_used_are_cleared(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    extra = {"method": "count_minimum", "count_minimum": "1", "target_value": "5", "target_unit": "x"}
    _add(officer_client, campaign, table, group, "1", "Đề án", "10", **extra, band_0_from="0", band_0_points="1")
    criterion = Criterion.objects.get(table=table)
    assert criterion.count_minimum == 1 and criterion.target_value is None and criterion.target_unit == ""
    assert "bands" not in criterion.params


# --- amounts: two decimals, either separator --------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [("0,1", "0.1"), ("2.7", "2.7"), ("0,25", "0.25"), ("12,05", "12.05")])
def test_any_amount_with_two_decimals_is_accepted(officer_client, campaign, typed, stored):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    _add(officer_client, campaign, table, group, "1", "Tiêu chí lẻ điểm", typed)
    assert Criterion.objects.get(table=table).max_points == Decimal(stored)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("0,125", "Enter at most 2 decimals, such as 0,25."), ("một", "Enter a number, such as 0,25.")],
)
def test_bad_amount_is_refused_with_what_was_typed(officer_client, campaign, typed, message):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    response = _add(officer_client, campaign, table, group, "1", "Tiêu chí lẻ điểm", typed)
    body = response.content.decode()
    assert not Criterion.objects.exists() and "Tiêu chí lẻ điểm" in body and f'value="{typed}"' in body
    assert response.context["form"].errors["max_points"] == [_(message)]
    assert "HX-Retarget" not in response and "<html" not in body


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"method": "target"}, "target_value"),
        ({"method": "count_minimum"}, "count_minimum"),
        ({"method": "relative_to_leader"}, "scope"),
        ({"minimum_points": "6"}, "__all__"),  # the model's CHECK constraint answers first
        ({"kind": "bonus", "minimum_points": "1"}, "minimum_points"),
        ({"method": "yes_no_parts", "part_0_code": "a", "part_0_points": "4"}, "__all__"),  # parts ≠ standard
    ],
)
def test_incomplete_criterion_is_refused(officer_client, campaign, extra, field):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    response = _add(officer_client, campaign, table, group, "1", "Tiêu chí", "5", **extra)
    assert response.context["form"].errors[field] and not Criterion.objects.exists()


def test_duplicate_code_is_refused(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    _add(officer_client, campaign, table, group, "1", "Một", "5")
    response = _add(officer_client, campaign, table, group, "1", "Hai", "5")
    assert response.context["form"].errors and Criterion.objects.count() == 1


# --- the worked example, built in the editor ---------------------------------------------------------------


def _range_rows(prefix: str, items, data: dict) -> None:
    for i, item in enumerate(items):
        data |= {f"{prefix}_{i}_from": _vi(item.lower), f"{prefix}_{i}_name": item.name}
        data[f"{prefix}_{i}_below"] = "" if item.below is None else str(item.below)
        if isinstance(item, pt.Band):
            data[f"{prefix}_{i}_points"] = _vi(item.points)
    data[f"{prefix}_count"] = str(len(items) + 1)


def _base_data(base: pt.BaseSpec) -> dict:
    data = {"method": base.kind.value, "input_label": base.input_label, "size_label": base.size_label}
    data |= {"target_label": base.target_label, "scope": base.scope.value if base.scope else ""}
    data |= {"target_value": "" if base.target is None else _vi(base.target)}
    data |= {"count_minimum": "" if base.minimum is None else str(base.minimum)}
    if base.partial and base.kind is pt.BaseKind.COUNT_MINIMUM:
        data["count_partial"] = "on"
    for i, part in enumerate(base.parts):
        data |= {f"part_{i}_code": part.code, f"part_{i}_text": part.text, f"part_{i}_points": _vi(part.points)}
    data["part_count"] = str(len(base.parts) + 1)
    _range_rows("band", base.bands, data)
    _range_rows("row", base.rows, data)
    _range_rows("col", base.columns, data)
    for i, line in enumerate(base.matrix):
        data |= {f"cell_{i}_{j}": str(points) for j, points in enumerate(line)}  # "6.5": the other separator
    return data


def _optional(amount) -> str:
    return "" if amount is None else _vi(amount)


def _criterion_post(spec: pt.CriterionSpec) -> dict:
    data = {"code": spec.code, "text": spec.text, "max_points": _vi(spec.standard_points), "kind": spec.role.value}
    data |= {"deduction_cap": _optional(spec.deduction_cap), "bonus_cap": _optional(spec.bonus_cap)}
    data |= {"minimum_points": _optional(spec.minimum_points), "guidance": spec.notes, "target_unit": ""}
    if spec.evidence_required:
        data["evidence_required"] = "on"
    return data | _base_data(spec.base)


def _rule_post(rule: pt.RuleSpec) -> dict:
    data = {"code": rule.code, "kind": rule.kind.value, "per": rule.per.value if rule.per else "", "text": rule.text}
    for name in ("points", "bonus", "deduction", "above", "step", "cap"):
        data[name] = _optional(getattr(rule, name))
    if rule.only_without_deductions:
        data["only_without_deductions"] = "on"
    return data | {"input_label": rule.input_label}


def _build(client, campaign, table, groups, parent=None):
    for group_spec in groups:
        max_points = _optional(group_spec.max_points)
        group = _new_group(client, campaign, table, group_spec.code, group_spec.name, parent, max_points)
        for criterion_spec in group_spec.criteria:
            url = _url("table-criterion-create", campaign.pk, table.pk, group.pk)
            response = client.post(url, _criterion_post(criterion_spec), **HTMX)
            assert response.get("HX-Retarget") == "#table-editor", response.context["form"].errors
            criterion = Criterion.objects.get(table=table, code=criterion_spec.code)
            for rule_spec in criterion_spec.rules:
                url = _url("table-rule-create", campaign.pk, table.pk, criterion.pk)
                response = client.post(url, _rule_post(rule_spec), **HTMX)
                assert response.get("HX-Retarget") == "#table-editor", response.context["form"].errors
        _build(client, campaign, table, group_spec.groups, group)


def test_the_worked_example_is_built_in_the_editor(officer_client, campaign):
    """Nested groups, every base method of the example with its settings as inputs, every rule kind."""
    example = example_spec()
    table = _new_table(officer_client, campaign, total=_vi(example.declared_total))
    officer_client.post(
        _url("table-update", campaign.pk, table.pk), {"declared_total": "100", "bonus_cap": _vi(example.bonus_cap)}
    )
    _build(officer_client, campaign, table, example.groups)
    _tiers(officer_client, campaign, [(tier.name, _vi(tier.lower)) for tier in example.tiers])
    assert tspec.table_spec(ScoringTable.objects.get(pk=table.pk)) == example
    assert ts.campaign_table_problems(campaign) == []
    c2 = Criterion.objects.get(table=table, code="C2")
    assert c2.params["points"] == [[8, 6, 3], [8, "6.5", "3.5"], [8, 7, "4.5"]]  # the engine's JSON shape


def test_editor_shows_rules_nested_under_their_criterion(officer_client, campaign):
    example = example_spec()
    table = _new_table(officer_client, campaign)
    _build(officer_client, campaign, table, example.groups[1:])  # II: standard, lookup and once deductions
    body = officer_client.get(_url("table-detail", campaign.pk, table.pk)).content.decode()
    c1 = Criterion.objects.get(table=table, code="C1")
    rule = CriterionRule.objects.get(criterion=c1, code="C1.3")
    described = ts.translate(pt.describe_rule(tspec.rule_spec(rule)))
    assert f'id="rule-{rule.pk}"' in body and rule.text in body and described in body
    assert "0,5" in described and "0.5" not in described  # Vietnamese number format
    assert pgettext("rule line", "Standard") in body and pgettext("rule line", "Deduction") in body
    section = body[body.index(f'id="criterion-{c1.pk}"') : body.index(f'id="rule-{rule.pk}"')]
    assert "C1.1" in section and "C1.2" in section  # the rule lines sit inside their criterion, in order


def test_group_sums_and_declared_maximum_are_compared(officer_client, campaign):
    table = _new_table(officer_client, campaign, total="20")
    standard = _new_group(officer_client, campaign, table, "I", "Tiêu chuẩn I", max_points="20")
    section = _new_group(officer_client, campaign, table, "A", "Mục A", parent=standard, max_points="8")
    assert section.parent == standard
    response = _add(officer_client, campaign, table, section, "A1", "Tiêu chí", "8")
    nodes = {node.code: node for node in response.context["tree"].nodes}
    assert (nodes["I"].standard, nodes["A"].standard, nodes["A"].depth) == (Decimal(8), Decimal(8), 1)
    assert nodes["I"].has_mismatch and not nodes["A"].has_mismatch
    body = response.content.decode()
    declares = _("the group declares %(declared)s") % {"declared": "20"}
    assert declares in body and 'class="card mb-2 td-depth-1"' in body
    _add(officer_client, campaign, table, standard, "B1", "Tiêu chí khác", "12")
    body = officer_client.get(_url("table-detail", campaign.pk, table.pk)).content.decode()
    assert declares not in body and ts.campaign_table_problems(campaign) == []


def test_subgroup_form_comes_with_its_parent_and_a_moved_group_goes_last(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    first = _new_group(officer_client, campaign, table, "I", "Một")
    second = _new_group(officer_client, campaign, table, "II", "Hai")
    _new_group(officer_client, campaign, table, "A", "Mục A", parent=first)
    url = _url("table-group-create", campaign.pk, table.pk) + f"?parent={first.pk}"
    fragment = officer_client.get(url, **HTMX).content.decode()
    assert f'<option value="{first.pk}" selected>' in fragment and "<html" not in fragment
    data = {"code": "II", "title": "Hai", "parent": first.pk, "max_points": ""}
    officer_client.post(_url("table-group-update", campaign.pk, table.pk, second.pk), data, **HTMX)
    assert list(first.children.order_by("position").values_list("code", flat=True)) == ["A", "II"]
    data["parent"] = second.pk  # inside itself
    officer_client.post(_url("table-group-update", campaign.pk, table.pk, second.pk), data, **HTMX)
    assert CriterionGroup.objects.get(pk=second.pk).parent_id == first.pk


def test_add_a_row_gives_the_form_back_with_what_was_typed(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    data = _criterion_data("A1", "Hồ sơ đúng hạn", "8", method="bands", band_count="1")
    data |= {"band_0_from": "98", "band_0_points": "8", "add": "band"}
    response = officer_client.post(_url("table-criterion-create", campaign.pk, table.pk, group.pk), data, **HTMX)
    body = response.content.decode()
    assert not Criterion.objects.exists() and response.context["form"].counts["band"] == 2
    assert 'name="band_1_from"' in body and 'value="98"' in body and "Hồ sơ đúng hạn" in body
    assert not response.context["form"].errors


def test_relative_criterion_keeps_its_scope_and_labels(officer_client, campaign):
    table = _new_table(officer_client, campaign)
    group = _new_group(officer_client, campaign, table, "I", "Nhóm")
    extra = {"method": "relative_to_leader", "scope": "bloc", "input_label": "Số đảng viên mới"}
    _add(officer_client, campaign, table, group, "R1", "Phát triển đảng viên", "10", **extra, target_label="Chỉ tiêu")
    criterion = Criterion.objects.get(table=table)
    assert criterion.params == {"scope": "bloc", "input": "Số đảng viên mới", "target_input": "Chỉ tiêu"}
    assert tspec.criterion_spec(criterion).base.scope is pt.Scope.BLOC


# --- rule lines --------------------------------------------------------------------------------------------


@pytest.fixture
def criterion(officer_client, campaign):
    table = _new_table(officer_client, campaign, total="7")
    group = _new_group(officer_client, campaign, table, "A", "Cải cách hành chính")
    _add(officer_client, campaign, table, group, "A2", "Chế độ báo cáo", "7", method="standard", deduction_cap="3")
    return Criterion.objects.get(table=table)


def _rule(client, campaign, criterion, **data):
    url = _url("table-rule-create", campaign.pk, criterion.table_id, criterion.pk)
    fields = {"code": "", "kind": "deduction", "per": "occurrence", "text": "", "points": "", "cap": ""}
    return client.post(url, fields | data, **HTMX)


def test_rule_lines_are_added_moved_edited_and_removed_inline(officer_client, campaign, criterion):
    assert criterion.deduction_cap == Decimal(3)
    _rule(officer_client, campaign, criterion, code="A2.1", points="0,5", text="Mỗi báo cáo gửi trễ hạn")
    response = _rule(officer_client, campaign, criterion, code="A2.2", kind="gate", per="")
    assert pgettext("rule line", "Classification condition") in response.content.decode()
    first, gate = CriterionRule.objects.filter(criterion=criterion).order_by("position")
    assert (first.points, first.per, gate.kind, gate.per) == (Decimal("0.5"), "occurrence", "gate", "")
    table_pk = criterion.table_id
    officer_client.post(_url("table-rule-move", campaign.pk, table_pk, gate.pk, "up"), **HTMX)
    assert list(criterion.rules.order_by("position").values_list("code", flat=True)) == ["A2.2", "A2.1"]
    url = _url("table-rule-update", campaign.pk, table_pk, first.pk)
    assert "Mỗi báo cáo gửi trễ hạn" in officer_client.get(url, **HTMX).content.decode()
    data = {"code": "A2.1", "kind": "bonus", "per": "once", "points": "1", "only_without_deductions": "on"}
    officer_client.post(url, data, **HTMX)
    first.refresh_from_db()
    assert (first.kind, first.per, first.points, first.only_without_deductions) == ("bonus", "once", 1, True)
    officer_client.post(_url("table-rule-delete", campaign.pk, table_pk, gate.pk), **HTMX)
    assert list(criterion.rules.values_list("code", flat=True)) == ["A2.1"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "R", "kind": "either", "per": "", "bonus": "0,5"}, "bonus"),
        ({"code": "R", "kind": "deduction", "per": ""}, "points"),
        ({"code": "R", "kind": "step_bonus", "per": "", "points": "0,1", "step": "1"}, "above"),
        ({"code": "R", "points": "0,125"}, "points"),
        ({"code": "", "points": "1"}, "code"),
    ],
)
def test_incomplete_rule_line_is_refused_on_its_field(officer_client, campaign, criterion, data, field):
    response = _rule(officer_client, campaign, criterion, **data)
    assert response.context["form"].errors[field] and not CriterionRule.objects.exists()
    assert "HX-Retarget" not in response


def test_rule_codes_are_unique_in_the_whole_table(officer_client, campaign, criterion):
    group = criterion.group
    _add(officer_client, campaign, criterion.table, group, "A3", "Khác", "0", method="standard")
    other = Criterion.objects.get(code="A3")
    _rule(officer_client, campaign, criterion, code="X.1", points="1")
    response = _rule(officer_client, campaign, other, code="X.1", points="1")
    assert response.context["form"].errors["code"] == [_("Another rule line in this table already has this code.")]


# --- mutations, fragments, settings -------------------------------------------------------------------------


def test_htmx_reorder_and_remove_return_the_editor(officer_client, soc_trang, campaign):
    first, second = Criterion.objects.filter(table=soc_trang).order_by("position")[:2]
    url = _url("table-criterion-move", campaign.pk, soc_trang.pk, first.pk, "down")
    response = officer_client.post(url, **HTMX)
    codes = list(Criterion.objects.filter(table=soc_trang).order_by("position").values_list("code", flat=True))
    assert codes[:3] == ["2", "1", "3"] and 'id="table-editor"' in response.content.decode()
    response = officer_client.post(_url("table-criterion-delete", campaign.pk, soc_trang.pk, second.pk), **HTMX)
    assert not Criterion.objects.filter(pk=second.pk).exists()
    assert response.context["tree"].standard_total == Decimal(95) and "text-danger" in response.content.decode()


def test_groups_move_and_delete(officer_client, soc_trang, campaign):
    extra = _new_group(officer_client, campaign, soc_trang, "II", "Điểm cộng")
    officer_client.post(_url("table-group-move", campaign.pk, soc_trang.pk, extra.pk, "up"), **HTMX)
    assert list(soc_trang.groups.order_by("position").values_list("code", flat=True)) == ["II", "I"]
    first = soc_trang.groups.get(code="I")
    officer_client.post(_url("table-group-delete", campaign.pk, soc_trang.pk, first.pk), **HTMX)
    assert not Criterion.objects.filter(table=soc_trang).exists()


def test_mutations_are_post_only(officer_client, soc_trang, campaign):
    criterion = Criterion.objects.filter(table=soc_trang).first()
    assert (
        officer_client.get(_url("table-criterion-delete", campaign.pk, soc_trang.pk, criterion.pk)).status_code == 405
    )
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_inline_forms_are_fragments_and_pages(officer_client, soc_trang, campaign):
    criterion = Criterion.objects.filter(table=soc_trang).first()
    url = _url("table-criterion-update", campaign.pk, soc_trang.pk, criterion.pk)
    fragment = officer_client.get(url, **HTMX).content.decode()
    page = officer_client.get(url).content.decode()
    assert "<html" not in fragment and 'hx-post="' in fragment and criterion.text in fragment
    assert "<html" in page and criterion.text in page
    officer_client.post(url, _criterion_data("1a", "Sửa nội dung", "5"), **HTMX)
    criterion.refresh_from_db()
    assert (criterion.code, criterion.text) == ("1a", "Sửa nội dung")


def test_group_form_error_keeps_input(officer_client, soc_trang, campaign):
    url = _url("table-group-create", campaign.pk, soc_trang.pk)
    response = officer_client.post(url, {"code": "II-mã-nhóm-quá-dài-cho-trường", "title": ""}, **HTMX)
    assert "II-mã-nhóm-quá-dài-cho-trường" in response.content.decode() and soc_trang.groups.count() == 1


def test_table_settings_update(officer_client, soc_trang, campaign):
    url = _url("table-update", campaign.pk, soc_trang.pk)
    officer_client.post(url, {"declared_total": "100", "bonus_cap": "5", "penalty_cap": "2,5"})
    soc_trang.refresh_from_db()
    assert (soc_trang.bonus_cap, soc_trang.penalty_cap) == (Decimal(5), Decimal("2.5"))


# --- preview -----------------------------------------------------------------------------------------------


def test_preview_reads_like_the_document(officer_client, campaign):
    example = example_spec()
    table = ts.table_replace(campaign=campaign, participant_kind="collective", spec=example)
    page = officer_client.get(_url("table-preview", campaign.pk, table.pk)).content.decode()
    page = page[page.index('class="table table-bordered td-document"') :]  # not the random CSRF token above
    order = [page.index(text) for text in ("Tiêu chuẩn I", "Cải cách hành chính", "A1", "A1.1", "Tiêu chuẩn II")]
    assert order == sorted(order)
    assert 'class="td-doc-group td-doc-depth-1"' in page  # a section inside a standard
    for label in ("Standard", "Bonus", "Deduction", "Bonus / deduction", "Classification condition"):
        assert pgettext("rule line", label) in page, label
    assert _("Bonus points in all: at most %(cap)s.") % {"cap": "5"} in page
    a1 = next(pt.iter_criteria(example))
    assert ts.translate(pt.describe_band(a1.base.bands[1])) in page  # "Từ 95 đến dưới 98: 6,5 điểm"
    assert "Xuất sắc" in page and "≥ 95" in page


def test_preview_of_bonus_and_penalty_items(officer_client, soc_trang, campaign):
    group = _new_group(officer_client, campaign, soc_trang, "II", "Điểm cộng, điểm trừ")
    _add(officer_client, campaign, soc_trang, group, "C1", "Sáng kiến được công nhận", "5", kind="bonus")
    _add(officer_client, campaign, soc_trang, group, "T1", "Chậm báo cáo", "3", kind="penalty")
    page = officer_client.get(_url("table-preview", campaign.pk, soc_trang.pk)).content.decode()
    assert "+5" in page and "−3" in page and "Chậm báo cáo" in page
    assert ts.campaign_table_problems(campaign) == []  # bonus and penalty items do not count in the total


# --- tiers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "message", "params"),
    [
        (
            [("Xuất sắc", "90"), ("Khá", "95"), ("Yếu", "0")],
            "“%(name)s” must have a lower bound below that of “%(previous)s”.",
            {"name": "Khá", "previous": "Xuất sắc"},
        ),
        (
            [("Xuất sắc", "90"), ("xuất sắc", "70"), ("Yếu", "0")],
            "The tier “%(name)s” appears more than once.",
            {"name": "xuất sắc"},
        ),
    ],
)
def test_bad_tiers_are_refused(officer_client, soc_trang, campaign, rows, message, params):
    response = _tiers(officer_client, campaign, rows)
    assert response.status_code == 200 and _(message) % params in response.content.decode()
    assert _tier_rows(soc_trang) == [(name, Decimal(bound)) for name, bound in SOC_TRANG_TIERS]


def test_tier_bound_with_three_decimals_is_refused(officer_client, soc_trang, campaign):
    response = _tiers(officer_client, campaign, [("Xuất sắc", "90,125")])
    assert _("Enter at most 2 decimals, such as 0,25.") in response.content.decode()
    assert 'value="90,125"' in response.content.decode() and len(_tier_rows(soc_trang)) == 4


def test_a_tier_is_inserted_between_others_without_retyping(officer_client, soc_trang, campaign):
    rows = [("Xuất sắc", "90"), ("Khá", "70"), ("Yếu", "0")]
    response = _tiers(officer_client, campaign, rows, table=soc_trang, insert="0")
    body = response.content.decode()
    assert response.context["formset"].total_form_count() == 4 and "<html" not in body
    assert body.index('value="Xuất sắc"') < body.index('name="tiers-1-name"') < body.index('value="Khá"')
    assert len(_tier_rows(soc_trang)) == 4  # nothing saved yet
    filled = [("Xuất sắc", "90"), ("Tốt", "80"), ("Khá", "70"), ("Yếu", "0")]
    assert _tiers(officer_client, campaign, filled, table=soc_trang).status_code == 302
    assert [name for name, _bound in _tier_rows(soc_trang)] == ["Xuất sắc", "Tốt", "Khá", "Yếu"]


def test_tier_rows_can_be_removed(officer_client, soc_trang, campaign):
    response = _tiers(officer_client, campaign, SOC_TRANG_TIERS, remove="2")
    assert [form.initial["name"] for form in response.context["formset"]] == ["Xuất sắc", "Khá", "Yếu"]
    assert len(_tier_rows(soc_trang)) == 4  # nothing saved yet
    response = _tiers(officer_client, campaign, SOC_TRANG_TIERS, **{"tiers-2-DELETE": "on"})
    assert response.status_code == 302
    assert [name for name, _bound in _tier_rows(soc_trang)] == ["Xuất sắc", "Khá", "Yếu"]


def test_a_table_may_have_no_tiers_and_still_launch(officer_client, officer, soc_trang, campaign, org_tree):
    assert _tiers(officer_client, campaign, [("", "")]).status_code == 302
    assert _tier_rows(soc_trang) == [] and ts.campaign_table_problems(campaign) == []
    page = officer_client.get(_url("table-list", campaign.pk)).content.decode()
    assert _("No tiers: the table only ranks.") in page
    Participant.objects.create(campaign=campaign, organization=org_tree["ward_a"])
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    campaign.refresh_from_db()
    assert campaign.status == "launched"


def test_each_table_has_its_own_tiers(officer_client, org_tree):
    campaign = draft_campaign(org_tree["root"], plan_number="02-KH", participant_scope="both")
    collective = _new_table(officer_client, campaign)
    individual = _new_table(officer_client, campaign, kind="individual")
    _tiers(officer_client, campaign, [("Xuất sắc", "90")], table=individual)
    page = officer_client.get(_url("tier-list", campaign.pk) + f"?table={individual.pk}").content.decode()
    assert _tier_rows(individual) == [("Xuất sắc", Decimal(90))] and _tier_rows(collective) == []
    assert 'value="Xuất sắc"' in page and f"?table={collective.pk}" in page
    assert officer_client.get(_url("tier-list", campaign.pk) + "?table=999999").status_code == 404


def test_missing_table_for_the_scope_is_a_problem(org_tree):
    campaign = draft_campaign(org_tree["root"], participant_scope="both")
    ts.table_create(campaign=campaign, participant_kind="collective")
    problems = ts.campaign_table_problems(campaign)
    assert _("There is no scoring table for: %(kind)s.") % {"kind": ParticipantKind.INDIVIDUAL.label} in problems
    missing_collective = _("There is no scoring table for: %(kind)s.") % {"kind": ParticipantKind.COLLECTIVE.label}
    assert missing_collective not in problems


def test_problems_list_every_rule_of_the_engine(campaign):
    table = ts.table_create(campaign=campaign, participant_kind="collective", declared_total=Decimal(100))
    group = ts.group_save(table=table, code="I", title="Nhóm", max_points=Decimal(50))
    ts.criterion_save(table=table, group=group, code="1", text="A", max_points=Decimal(90))
    # A row written around the service (e.g. in the admin) is still caught before launch.
    Criterion.objects.create(table=table, group=group, code="2", text="B", max_points=Decimal("0.1"), method="target")
    problems = ts.campaign_table_problems(campaign)
    mismatch = _("The criteria add up to %(actual)s points but the table declares %(declared)s.")
    assert any(mismatch % {"actual": "90,1", "declared": "100"} in p for p in problems)
    target = _("%(criterion)s: a target criterion needs a target greater than 0.") % {"criterion": "2"}
    assert any(target in p for p in problems)
    group_max = _("%(group)s: the group declares %(declared)s points but its criteria add up to %(actual)s.")
    assert any(group_max % {"group": "I", "declared": "50", "actual": "90,1"} in p for p in problems)


# --- permissions -------------------------------------------------------------------------------------------


def test_officer_of_another_organisation_gets_404(client, other_officer, soc_trang, campaign):
    client.force_login(other_officer)
    group = soc_trang.groups.get()
    criterion = Criterion.objects.filter(table=soc_trang).first()
    rule = ts.rule_save(criterion=criterion, code="1.1", kind="deduction", per="once", points=Decimal(1))
    for url in [
        _url("table-list", campaign.pk),
        _url("table-detail", campaign.pk, soc_trang.pk),
        _url("table-preview", campaign.pk, soc_trang.pk),
        _url("table-template", campaign.pk),
        _url("tier-list", campaign.pk),
        _url("table-rule-update", campaign.pk, soc_trang.pk, rule.pk),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(_url("table-group-delete", campaign.pk, soc_trang.pk, group.pk), **HTMX)
    assert response.status_code == 404 and CriterionGroup.objects.filter(pk=group.pk).exists()
    response = client.post(_url("table-rule-delete", campaign.pk, soc_trang.pk, rule.pk), **HTMX)
    assert response.status_code == 404 and CriterionRule.objects.filter(pk=rule.pk).exists()


def test_child_objects_are_fetched_through_their_parent(officer_client, soc_trang, org_tree):
    other = draft_campaign(org_tree["root"], plan_number="03-KH")
    other_table = ts.table_create(campaign=other, participant_kind="collective")
    criterion = Criterion.objects.filter(table=soc_trang).first()
    rule = ts.rule_save(criterion=criterion, code="1.1", kind="gate")
    url = _url("table-criterion-delete", other.pk, soc_trang.pk, criterion.pk)
    assert officer_client.post(url).status_code == 404 and Criterion.objects.filter(pk=criterion.pk).exists()
    url = _url("table-rule-delete", other.pk, other_table.pk, rule.pk)
    assert officer_client.post(url).status_code == 404 and CriterionRule.objects.filter(pk=rule.pk).exists()


def test_scorer_cannot_see_drafts_and_cannot_edit_launched(client, scorer_a, officer, soc_trang, campaign, org_tree):
    client.force_login(scorer_a)
    assert client.get(_url("table-preview", campaign.pk, soc_trang.pk)).status_code == 404
    Participant.objects.create(campaign=campaign, organization=org_tree["ward_a"])
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    assert client.get(_url("table-preview", campaign.pk, soc_trang.pk)).status_code == 200
    assert client.get(_url("table-detail", campaign.pk, soc_trang.pk)).status_code == 403
    group = soc_trang.groups.get()
    response = client.post(
        _url("table-criterion-create", campaign.pk, soc_trang.pk, group.pk), _criterion_data("X", "Thêm", "1")
    )
    assert response.status_code == 403 and Criterion.objects.filter(table=soc_trang).count() == 10


def test_edits_are_refused_once_launched(officer_client, officer, soc_trang, campaign):
    services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    criterion = Criterion.objects.filter(table=soc_trang).first()
    response = officer_client.post(_url("table-criterion-delete", campaign.pk, soc_trang.pk, criterion.pk), **HTMX)
    draft_only = _("Scoring tables and tiers can only be changed while the campaign is a draft.")
    assert draft_only in response.content.decode() and Criterion.objects.filter(pk=criterion.pk).exists()
    response = _rule(officer_client, campaign, criterion, code="1.1", points="1")
    assert draft_only in response.content.decode() and not CriterionRule.objects.exists()
    response = _tiers(officer_client, campaign, [("Đạt", "0")])
    assert draft_only in response.content.decode() and len(_tier_rows(soc_trang)) == 4
    page = officer_client.get(_url("table-detail", campaign.pk, soc_trang.pk)).content.decode()
    assert "table-criterion-delete" not in page and "table-rule-create" not in page


# --- query counts ------------------------------------------------------------------------------------------


def _fill(table, rows: int) -> None:
    """``rows`` rows in all: a standard with a section, then criteria and rule lines (about two per criterion)."""
    standard = CriterionGroup.objects.create(table=table, code="I", title="Tiêu chuẩn I", position=0)
    section = CriterionGroup.objects.create(table=table, parent=standard, code="A", title="Mục A", position=0)
    count = max(1, (rows - 2) // 3)
    criteria = Criterion.objects.bulk_create(
        Criterion(table=table, group=section, position=n, code=f"C{n}", text=f"Tiêu chí {n}", max_points=1)
        for n in range(count)
    )
    CriterionRule.objects.bulk_create(
        CriterionRule(criterion=criteria[n % count], position=n, code=f"R{n}", kind="deduction", per="once", points=1)
        for n in range(rows - 2 - count)
    )


@pytest.mark.parametrize(("name", "queries"), [("table-detail", 9), ("table-preview", 9)])
def test_table_pages_query_count_is_constant(officer_client, org_tree, django_assert_num_queries, name, queries):
    """3 rows against 111 (groups, criteria and rule lines), with tiers: the same number of queries."""
    urls = []
    for plan_number, rows in [("S-KH", 3), ("L-KH", 111)]:
        campaign = draft_campaign(org_tree["root"], plan_number=plan_number)
        table = ts.table_create(campaign=campaign, participant_kind="collective")
        _fill(table, rows)
        ts.tiers_replace(table=table, tiers=[("Đạt", Decimal(50)), ("Chưa đạt", Decimal(0))])
        urls.append(_url(name, campaign.pk, table.pk))
    officer_client.get(urls[0])  # warm the session
    for url in urls:
        with django_assert_num_queries(queries):
            assert officer_client.get(url).status_code == 200


def test_minimal_scoring_helper_is_launchable(org_tree):
    campaign = draft_campaign(org_tree["root"], participant_scope="both")
    add_minimal_scoring(campaign, tiers=False)
    assert ts.campaign_table_problems(campaign) == []


def test_table_list_query_count_is_constant(officer_client, org_tree, django_assert_num_queries):
    """One table or two, each with its tiers and problems to show: the same number of queries."""
    urls = []
    for plan_number, kinds in [("S-KH", ["collective"]), ("L-KH", ["collective", "individual"])]:
        campaign = draft_campaign(org_tree["root"], plan_number=plan_number, participant_scope="both")
        for kind in kinds:
            table = ts.table_create(campaign=campaign, participant_kind=kind)
            _fill(table, 20)
            ts.tiers_replace(table=table, tiers=[("Đạt", Decimal(50)), ("Chưa đạt", Decimal(0))])
        urls.append(_url("table-list", campaign.pk))
    officer_client.get(urls[0])  # warm the session
    for url in urls:
        with django_assert_num_queries(11):
            assert officer_client.get(url).status_code == 200
