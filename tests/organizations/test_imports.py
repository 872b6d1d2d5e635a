"""Imports of organisations and people: files, validation, all-or-nothing apply, reach, pages, command."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from organizations.enums import Gender, ImportKind, ImportStatus, OrganizationKind, Role
from organizations.imports import import_job_create, import_job_run
from organizations.imports.common import choice_find, choice_lookup
from organizations.models import ImportJob, Organization, OrganizationChange, Person
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ORGS, PEOPLE = ImportKind.ORGANIZATIONS, ImportKind.PEOPLE
ORG_HEADER = ["Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại", "Mã đơn vị cấp trên"]
PEOPLE_HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Mã đơn vị", "Email", "Điện thoại"]


@pytest.fixture(autouse=True)
def _english(settings):
    # Job messages are written in the site language; English keeps these assertions independent of the .po.
    settings.LANGUAGE_CODE = "en"


def _csv(rows, *, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _run(kind, content, *, user=None, name=None) -> ImportJob:
    name = name or ("file.xlsx" if content.startswith(b"PK") else "file.csv")
    job = import_job_create(kind=kind, file_name=name, content=content, created_by=user, enqueue=False)
    return import_job_run(job_id=job.pk)


def _errors(job) -> list[tuple]:
    return [(error["line"], error["message"]) for error in job.errors]


def _snapshot():
    organizations = Organization.objects.order_by("code").values_list(
        "code", "name", "short_name", "kind", "parent__code", "path", "depth", "updated_at"
    )
    people = Person.objects.order_by("code").values_list(
        "code", "full_name", "gender", "date_of_birth", "position", "organization__code", "email", "phone", "updated_at"
    )
    return list(organizations), list(people), OrganizationChange.objects.count()


# --- organisations ---------------------------------------------------------------------------------------


def test_organizations_csv_creates_units_under_parents_defined_later(org_tree, officer):
    content = _csv(
        [
            ORG_HEADER,
            ["px1", "Phường Xuân, khu 1", "", "Phường, xã", "TX"],  # its parent comes two lines later
            [],
            ["TX", "Tổ Xuân", "T.X", "Đơn vị", "WA"],
            ["PB2", "Phòng Hai", "", "department", "ROOT"],
        ],
        delimiter=";",
        bom=True,
    )

    job = _run(ORGS, content, user=officer)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.rows_total, job.created_count, job.updated_count, job.unchanged_count) == (3, 3, 0, 0)
    tx, px, pb = (Organization.objects.get(code=code) for code in ("TX", "PX1", "PB2"))
    assert (tx.parent, tx.short_name, tx.kind) == (org_tree["ward_a"], "T.X", OrganizationKind.UNIT)
    assert (px.parent, px.name, px.kind) == (tx, "Phường Xuân, khu 1", OrganizationKind.COMMUNE)
    assert px.ancestor_ids() == [org_tree["root"].pk, org_tree["dept_a"].pk, org_tree["ward_a"].pk, tx.pk, px.pk]
    assert px.path.startswith(tx.path) and px.depth == 4
    assert (pb.parent, pb.kind, pb.depth) == (org_tree["root"], OrganizationKind.DEPARTMENT, 1)


def test_organizations_xlsx_upload_runs_the_job_and_shows_the_result(
    client, officer, org_tree, django_capture_on_commit_callbacks
):
    content = _xlsx(
        [[*ORG_HEADER, "Ghi chú"], [101, "Tổ 101", None, "unit", "DA", "bỏ qua"], ["T2", "Tổ 2", "", "", 101]]
    )
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organizations:import-create"), {"kind": ORGS, "file": SimpleUploadedFile("don-vi.xlsx", content)}
        )

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("organizations:import-detail", args=[job.pk])
    assert (job.status, job.created_by, job.file_name, job.created_count) == (
        ImportStatus.DONE,
        officer,
        "don-vi.xlsx",
        2,
    )
    t101, t2 = Organization.objects.get(code="101"), Organization.objects.get(code="T2")
    assert (t101.parent, t2.parent, t2.kind) == (org_tree["dept_a"], t101, OrganizationKind.UNIT)
    page = client.get(response["Location"]).content.decode()
    assert "don-vi.xlsx" in page and "The import is complete." in page and 'hx-trigger="every 2s"' not in page


def test_organizations_update_moves_the_subtree_and_keeps_history(org_tree, officer):
    job_child = _run(ORGS, _csv([ORG_HEADER, ["DEEP", "Tổ sâu", "", "", "WA"]]), user=officer)
    assert job_child.status == ImportStatus.DONE
    content = _csv([ORG_HEADER, ["WA", "Phường Một", "P1", "Xã, phường", "DB"], ["DA", "Phòng A", "", "unit", "ROOT"]])

    job = _run(ORGS, content, user=officer, name="sap-nhap.csv")

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 1)
    ward, deep = Organization.objects.get(code="WA"), Organization.objects.get(code="DEEP")
    assert (ward.parent, ward.name, ward.short_name, ward.kind) == (org_tree["dept_b"], "Phường Một", "P1", "commune")
    assert deep.ancestor_ids() == [org_tree["root"].pk, org_tree["dept_b"].pk, ward.pk, deep.pk] and deep.depth == 3
    change = OrganizationChange.objects.get(organization=ward)
    assert change.changed_by == officer and "sap-nhap.csv" in change.note
    assert change.changes["parent"] == ["DA", "DB"] and change.changes["name"] == ["Phường 1", "Phường Một"]


def test_same_organizations_and_people_files_twice_change_nothing(org_tree, officer):
    organizations = _xlsx([ORG_HEADER, ["N1", "Tổ một", "T1", "Đơn vị", "DA"], ["N2", "Tổ hai", "", "", "N1"]])
    people = _csv(
        [
            PEOPLE_HEADER,
            ["CB1", "Trần Văn An", "Nam", "01/02/1980", "Tổ trưởng", "N1", "an@example.gov.vn", "0901"],
            ["CB2", "Lê Thị Bình", "Nữ", "", "", "N2", "", ""],
        ]
    )
    first_orgs, first_people = _run(ORGS, organizations, user=officer), _run(PEOPLE, people, user=officer)
    before = _snapshot()

    second_orgs, second_people = _run(ORGS, organizations, user=officer), _run(PEOPLE, people, user=officer)

    assert (first_orgs.created_count, first_people.created_count) == (2, 2)
    for job in (second_orgs, second_people):
        assert (job.status, job.created_count, job.updated_count, job.unchanged_count) == (ImportStatus.DONE, 0, 0, 2)
    assert _snapshot() == before


def test_bad_organization_rows_write_nothing_and_every_line_is_reported(org_tree, officer):
    content = _csv(
        [
            ORG_HEADER,
            ["N1", "Tổ mới", "", "", "DA"],
            ["n1", "Trùng mã", "", "", "DA"],
            ["N2", "", "", "", "DA"],
            ["N3", "Tổ 3", "", "hợp tác xã", "DA"],
            ["N4", "Tổ 4", "", "", "NOPE"],
            ["N5", "x" * 256, "", "", "DA"],
            ["N6", "Tổ 6", "", "", "N6"],
            ["", "Không có mã", "", "", "DA"],
        ]
    )
    before = _snapshot()

    job = _run(ORGS, content, user=officer)

    assert job.status == ImportStatus.FAILED
    assert _snapshot() == before and not Organization.objects.filter(code="N1").exists()
    assert (job.created_count, job.rows_total) == (0, 8)
    assert _errors(job) == [
        (3, "Code N1 already appears on line 2."),
        (4, "“Tên đơn vị” is required."),
        (5, "Unknown kind of organisation “hợp tác xã”."),
        (6, "No unit within your organisations has the code NOPE."),
        (7, "“Tên đơn vị” is too long: 256 characters, at most 255."),
        (8, "An organisation cannot be placed under itself or one of its own units."),
        (9, "“Mã đơn vị” is required."),
    ]


def test_a_loop_in_the_file_or_with_the_existing_tree_is_refused(org_tree):
    content = _csv(
        [ORG_HEADER, ["CA", "Tổ A", "", "", "CB"], ["CB", "Tổ B", "", "", "CA"], ["DA", "Phòng A", "", "", "WA"]]
    )

    job = _run(ORGS, content)

    assert job.status == ImportStatus.FAILED
    assert _errors(job) == [
        (2, "Placing CA under CB would make a loop: CA → CB → CA."),
        (3, "Placing CB under CA would make a loop: CB → CA → CB."),
        (4, "Placing DA under WA would make a loop: DA → WA → DA."),
    ]
    assert not Organization.objects.filter(code__in=["CA", "CB"]).exists()
    assert Organization.objects.get(code="DA").parent == org_tree["root"]


def test_missing_required_column_is_a_file_error(org_tree):
    job = _run(ORGS, _csv([["Mã đơn vị", "Tên viết tắt"], ["N1", "x"]]))

    assert job.status == ImportStatus.FAILED
    assert _errors(job) == [(None, "The required column “Tên đơn vị” is missing.")]


@pytest.mark.parametrize("text", ["Xã, phường", "Phường, xã", "phuong", "commune", "Commune or ward", "COMMUNE"])
def test_kind_is_found_by_value_or_label_in_either_language(text):
    assert choice_find(choice_lookup(OrganizationKind.choices), text) == OrganizationKind.COMMUNE


# --- people ----------------------------------------------------------------------------------------------


def test_people_csv_with_english_headers(org_tree, officer):
    header = ["code", "Full name", "GENDER", "date of birth", "position", "organization_code", "e-mail", "phone", "x"]
    content = _csv(
        [
            header,
            ["cb01", "Nguyễn Thị Hoa", "Nữ", "05/09/1990", "Chuyên viên", "wa", "hoa@example.gov.vn", "0912", "?"],
            ["CB02", "Phạm Văn Nam", "male", "", "", "DB", "", "", ""],
            ["CB03", "Đỗ Minh", "Khác", "1975-12-31", "", "ROOT", "", "", ""],
        ]
    )

    job = _run(PEOPLE, content, user=officer)

    assert job.status == ImportStatus.DONE, job.errors
    hoa, nam, minh = (Person.objects.get(code=code) for code in ("CB01", "CB02", "CB03"))
    assert (hoa.full_name, hoa.gender, hoa.date_of_birth) == (
        "Nguyễn Thị Hoa",
        Gender.FEMALE,
        datetime.date(1990, 9, 5),
    )
    assert (hoa.organization, hoa.position, hoa.email, hoa.phone) == (
        org_tree["ward_a"],
        "Chuyên viên",
        "hoa@example.gov.vn",
        "0912",
    )
    assert (nam.gender, nam.date_of_birth, nam.organization) == (Gender.MALE, None, org_tree["dept_b"])
    assert (minh.gender, minh.date_of_birth) == (Gender.OTHER, datetime.date(1975, 12, 31))


def test_people_xlsx_with_date_cells_updates_existing_people(org_tree, officer):
    existing = PersonFactory(code="CB9", full_name="Tên cũ", organization=org_tree["ward_a"])
    content = _xlsx(
        [
            PEOPLE_HEADER,
            ["CB9", "Tên mới", "Nam", datetime.date(1985, 3, 15), "Phó phòng", "DB", None, None],
            ["CB10", "Võ Thị Lan", "nữ", datetime.datetime(1999, 1, 2), None, "WB", "lan@example.gov.vn", 912345678],
        ]
    )

    job = _run(PEOPLE, content, user=officer)

    assert (job.status, job.created_count, job.updated_count) == (ImportStatus.DONE, 1, 1), job.errors
    existing.refresh_from_db()
    assert (existing.full_name, existing.date_of_birth, existing.organization) == (
        "Tên mới",
        datetime.date(1985, 3, 15),
        org_tree["dept_b"],
    )
    lan = Person.objects.get(code="CB10")
    assert (lan.gender, lan.date_of_birth, lan.phone) == (Gender.FEMALE, datetime.date(1999, 1, 2), "912345678")


def test_bad_people_rows_write_nothing_and_every_line_is_reported(org_tree, officer):
    kept = PersonFactory(code="CB1", full_name="Giữ nguyên", organization=org_tree["ward_a"])
    content = _csv(
        [
            PEOPLE_HEADER,
            ["CB1", "Đổi tên", "Nam", "", "", "WA", "", ""],
            ["CB2", "Người B", "X", "", "", "WA", "", ""],
            ["", "", "", "", "", "", "", ""],
            ["CB3", "Người C", "Nữ", "31/02/1990", "", "WA", "", ""],
            ["CB4", "Người D", "Nữ", "01/01/2999", "", "WA", "khong-phai-email", ""],
            ["CB5", "Người E", "Nam", "", "", "NOPE", "", ""],
            ["CB6", "", "", "", "", "WA", "", ""],
        ]
    )
    before = _snapshot()

    job = _run(PEOPLE, content, user=officer)

    assert job.status == ImportStatus.FAILED and _snapshot() == before
    kept.refresh_from_db()
    assert kept.full_name == "Giữ nguyên"
    assert _errors(job) == [
        (3, "Unknown gender “X”; use Male, Female or Other."),
        (5, "“31/02/1990” is not a valid date of birth; use dd/mm/yyyy."),
        (6, "“01/01/2999” is not a valid date of birth; use dd/mm/yyyy."),
        (6, "“khong-phai-email” is not a valid e-mail address."),
        (7, "No unit within your organisations has the code NOPE."),
        (8, "“Họ và tên” is required."),
        (8, "“Giới tính” is required."),
    ]


# --- reach -----------------------------------------------------------------------------------------------


def test_rows_outside_an_officers_reach_are_refused(org_tree, other_officer):
    content = _csv(
        [
            ORG_HEADER,
            ["X1", "Tổ ngoài", "", "", "DA"],
            ["DB", "Phòng B đổi tên", "", "", "ROOT"],
            ["X2", "Gốc mới", "", "", ""],
            ["X3", "Tổ hợp lệ", "", "", "OTHER"],
            ["X4", "Tổ dưới tổ hợp lệ", "", "", "X3"],
        ]
    )

    job = _run(ORGS, content, user=other_officer)

    assert job.status == ImportStatus.FAILED
    assert _errors(job) == [
        (2, "No unit within your organisations has the code DA."),  # as if DA did not exist
        (3, "You have no authority over unit DB."),
        (4, "Only an administrator can add a top-level unit; fill in the parent unit code."),
    ]
    assert not Organization.objects.filter(code__startswith="X").exists()
    assert Organization.objects.get(code="DB").name == "Phòng B"


def test_people_outside_an_officers_reach_are_refused(org_tree, other_officer):
    PersonFactory(code="CB1", organization=org_tree["ward_a"])
    content = _csv(
        [
            PEOPLE_HEADER,
            ["CB1", "Chuyển đi", "Nam", "", "", "OTHER", "", ""],
            ["CB2", "Người mới", "Nữ", "", "", "WB", "", ""],
            ["CB3", "Hợp lệ", "Nữ", "", "", "OTHER", "", ""],
        ]
    )

    job = _run(PEOPLE, content, user=other_officer)

    # Never which unit the person is in, never whether WB exists.
    assert _errors(job) == [
        (2, "The staff code CB1 is already used outside your organisations."),
        (3, "No unit within your organisations has the code WB."),
    ]
    assert Person.objects.get(code="CB1").organization == org_tree["ward_a"]
    assert not Person.objects.filter(code__in=["CB2", "CB3"]).exists()


def test_department_officer_may_rename_own_unit_but_not_move_it_up(org_tree):
    dept_officer = UserFactory(username="dept_officer")
    MembershipFactory(user=dept_officer, organization=org_tree["dept_a"], role=Role.OFFICER)

    renamed = _run(ORGS, _csv([ORG_HEADER, ["DA", "Phòng A mới", "", "", "ROOT"]]), user=dept_officer)
    moved = _run(ORGS, _csv([ORG_HEADER, ["WA", "Phường 1", "", "", "DB"]]), user=dept_officer)

    assert renamed.status == ImportStatus.DONE and Organization.objects.get(code="DA").name == "Phòng A mới"
    assert _errors(moved) == [(2, "No unit within your organisations has the code DB.")]


def test_superuser_may_add_a_top_level_unit(org_tree):
    admin = UserFactory(username="admin", is_superuser=True)

    job = _run(ORGS, _csv([ORG_HEADER, ["TOP", "Tỉnh ủy mới", "", "province", ""]]), user=admin)

    assert job.status == ImportStatus.DONE and Organization.objects.get(code="TOP").parent is None


# --- job service ----------------------------------------------------------------------------------------


def test_running_a_job_twice_does_nothing_the_second_time(org_tree):
    content = _csv([ORG_HEADER, ["N1", "Tổ một", "", "", "DA"]])
    job = import_job_create(kind=ORGS, file_name="a.csv", content=content, created_by=None, enqueue=False)
    first = import_job_run(job_id=job.pk)
    before = _snapshot()

    second = import_job_run(job_id=job.pk)

    assert (second.status, second.created_count, second.finished_at) == (ImportStatus.DONE, 1, first.finished_at)
    assert _snapshot() == before and Organization.objects.filter(code="N1").count() == 1


def test_a_job_claimed_by_another_worker_is_left_alone(org_tree):
    job = import_job_create(kind=ORGS, file_name="a.csv", content=b"x", created_by=None, enqueue=False)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    result = import_job_run(job_id=job.pk)

    assert (result.status, result.finished_at, result.errors) == (ImportStatus.RUNNING, None, [])


def test_an_unexpected_error_fails_the_job_and_is_raised(org_tree, monkeypatch):
    def broken_reader(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(csv, "reader", broken_reader)
    job = import_job_create(kind=ORGS, file_name="a.csv", content=b"a,b\n1,2\n", created_by=None, enqueue=False)

    with pytest.raises(RuntimeError):
        import_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.finished_at is not None
    assert "unexpected error" in job.errors[0]["message"]


# --- pages -----------------------------------------------------------------------------------------------


def test_scorer_cannot_open_or_post_the_import_page(client, scorer_a):
    client.force_login(scorer_a)
    content = _csv([ORG_HEADER, ["N1", "Tổ", "", "", "WA"]])

    page = client.get(reverse("organizations:import-create"))
    posted = client.post(
        reverse("organizations:import-create"), {"kind": ORGS, "file": SimpleUploadedFile("a.csv", content)}
    )

    assert page.status_code == posted.status_code == 403
    assert not ImportJob.objects.exists() and not Organization.objects.filter(code="N1").exists()


def test_someone_elses_import_is_not_found(client, officer, other_officer):
    job = _run(ORGS, _csv([ORG_HEADER, ["N1", "Tổ", "", "", "WA"]]), user=officer, name="cua-toi.csv")
    url = reverse("organizations:import-detail", args=[job.pk])

    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    assert "cua-toi.csv" not in client.get(reverse("organizations:import-create")).content.decode()
    client.force_login(UserFactory(username="admin", is_superuser=True))
    assert "cua-toi.csv" in client.get(url).content.decode()


def _zip_without_content_types() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.xlsx", "Mã đơn vị,Tên đơn vị\nA,B\n".encode(), "The file is not a valid Excel workbook (.xlsx)."),
        ("zip.xlsx", _zip_without_content_types(), "The file is not a valid Excel workbook (.xlsx)."),
        ("latin.csv", "Tên,Mã\n".encode("latin-1", "replace"), "The CSV file must be saved as UTF-8 text."),
        ("nul.csv", b"a,b\x00\n", "The CSV file contains binary data; it is not a text file."),
        ("data.txt", b"a,b\n", "Only .xlsx and .csv files can be imported."),
    ],
)
def test_upload_of_a_wrong_file_is_refused_next_to_the_field(client, officer, name, content, message):
    client.force_login(officer)

    response = client.post(
        reverse("organizations:import-create"), {"kind": PEOPLE, "file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400 and not ImportJob.objects.exists()
    assert response.context["form"].errors["file"] == [message]
    page = response.content.decode()
    assert message in page
    assert '<option value="people" selected>' in page


def test_upload_over_the_size_limit_is_refused(client, officer, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(officer)
    content = _csv([ORG_HEADER] + [[f"N{n}", "Tổ thi đua số " * 3, "", "", "WA"] for n in range(40)])

    response = client.post(
        reverse("organizations:import-create"), {"kind": ORGS, "file": SimpleUploadedFile("big.csv", content)}
    )

    assert not ImportJob.objects.exists()
    assert "The file is too large" in response.context["form"].errors["file"][0]
    assert "The file is too large" in response.content.decode()


def test_import_page_shows_the_form_templates_and_an_empty_state(client, officer):
    client.force_login(officer)

    page = client.get(reverse("organizations:import-create")).content.decode()

    assert 'enctype="multipart/form-data"' in page and 'name="kind"' in page
    assert reverse("organizations:import-template", args=["people"]) in page
    assert "You have not imported any file yet." in page


def test_import_page_lists_recent_imports_with_constant_queries(client, officer, django_assert_num_queries):
    client.force_login(officer)
    url = reverse("organizations:import-create")
    import_job_create(kind=ORGS, file_name="mot.csv", content=b"x", created_by=officer, enqueue=False)
    client.get(url)
    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    for n in range(2):
        import_job_create(kind=PEOPLE, file_name=f"them-{n}.csv", content=b"x", created_by=officer, enqueue=False)
    with django_assert_num_queries(5):
        more = client.get(url).content.decode()
    assert "mot.csv" in page and "them-1.csv" in more and "Waiting" in more


def test_detail_page_polls_with_htmx_and_returns_only_the_fragment(client, officer, org_tree):
    job = import_job_create(
        kind=ORGS,
        file_name="cho.csv",
        content=_csv([ORG_HEADER, ["N1", "T", "", "", "WA"]]),
        created_by=officer,
        enqueue=False,
    )
    url = reverse("organizations:import-detail", args=[job.pk])
    client.force_login(officer)

    full = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    import_job_run(job_id=job.pk)
    finished = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "<html" in full and 'hx-trigger="every 2s"' in full and "Import another file" in full
    assert fragment.lstrip().startswith('<section id="import-status"') and "<html" not in fragment
    assert f'hx-get="{url}"' in fragment and 'hx-swap="outerHTML"' in fragment and "being checked" in fragment
    assert "hx-trigger" not in finished and "The import is complete." in finished


def test_detail_page_lists_the_errors(client, officer, org_tree):
    job = _run(ORGS, _csv([ORG_HEADER, ["N1", "", "", "", "NOPE"]]), user=officer)
    client.force_login(officer)

    page = client.get(reverse("organizations:import-detail", args=[job.pk])).content.decode()

    assert "nothing was saved" in page and "<td>2</td>" in page
    assert "No unit within your organisations has the code NOPE." in page


def test_template_download_has_the_vietnamese_header_and_an_example(client, officer):
    client.force_login(officer)

    response = client.get(reverse("organizations:import-template", args=["people"]))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert list(rows[0]) == PEOPLE_HEADER and rows[1][2] == "Nữ" and len(rows) == 2
    assert client.get(reverse("organizations:import-template", args=["budgets"])).status_code == 404


def test_template_download_needs_a_login(client):
    response = client.get(reverse("organizations:import-template", args=["organizations"]))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- management command -----------------------------------------------------------------------------------


def test_command_imports_a_file_without_restrictions(org_tree, tmp_path):
    path = tmp_path / "goc.xlsx"
    path.write_bytes(_xlsx([ORG_HEADER, ["G1", "Tỉnh ủy mới", "", "Tỉnh, thành phố", ""], ["G2", "Ban", "", "", "G1"]]))
    out = io.StringIO()

    call_command("import_data", "organizations", str(path), stdout=out)

    assert "2 rows: 2 created, 0 updated, 0 unchanged." in out.getvalue()
    g1 = Organization.objects.get(code="G1")
    assert (g1.parent, g1.kind, Organization.objects.get(code="G2").parent) == (None, OrganizationKind.PROVINCE, g1)
    assert ImportJob.objects.get().created_by is None


def test_command_prints_every_error_and_fails(org_tree, tmp_path):
    path = tmp_path / "sai.csv"
    path.write_bytes(
        _csv([PEOPLE_HEADER, ["CB1", "A", "Nam", "", "", "WA", "", ""], ["CB1", "B", "?", "", "", "WA", "", ""]])
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_data", "people", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "Line 3: Unknown gender “?”; use Male, Female or Other.",
        "Line 3: Code CB1 already appears on line 2.",
    ]
    assert not Person.objects.exists()


def test_job_left_running_by_a_killed_worker_is_claimed_again_after_the_time_limit(settings):
    from datetime import timedelta

    from django.utils import timezone

    from organizations.imports import import_job_create, import_job_run
    from organizations.models import ImportJob, Organization

    content = "code,name,kind,parent_code\nSTALE-ROOT,Đơn vị gốc,unit,\n".encode()
    job = import_job_create(
        kind="organizations", file_name="stale.csv", content=content, created_by=None, enqueue=False
    )
    stale = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    ImportJob.objects.filter(pk=job.pk).update(status="running", updated_at=stale)
    assert import_job_run(job_id=job.pk).status == "done"
    assert Organization.objects.filter(code="STALE-ROOT").exists()


def test_job_running_recently_is_not_claimed_twice():
    from organizations.imports import import_job_create, import_job_run
    from organizations.models import ImportJob, Organization

    content = "code,name,kind,parent_code\nBUSY-ROOT,Đơn vị gốc,unit,\n".encode()
    job = import_job_create(kind="organizations", file_name="busy.csv", content=content, created_by=None, enqueue=False)
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    assert import_job_run(job_id=job.pk).status == "running"
    assert not Organization.objects.filter(code="BUSY-ROOT").exists()
