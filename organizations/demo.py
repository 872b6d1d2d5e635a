"""Demo data: the organisations, people, blocs and users of the five seed situations (the README's "Demo data").

Data first (plain tuples keyed by natural codes), then one small loader per section. Every loader is
idempotent: it looks rows up by their natural key, creates what is missing, writes only what differs
and returns ``{section: Counter(created=…, updated=…, unchanged=…)}``. Later sections (campaigns,
scoring, awards) add their loader to ``LOADERS``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations import services
from organizations.enums import BlocKind, BlocRole, Gender, OrganizationKind, Role
from organizations.models import EmulationBloc, Membership, Organization, Person

DEMO_PASSWORD = "ThiDua@2026"  # noqa: S105 - published on purpose: every demo login shares it
DEMO_EMAIL_DOMAIN = "thidua.example"  # reserved TLD (RFC 2606): demo mail can never reach a real inbox
CHANGE_NOTE = "Đồng bộ dữ liệu mẫu (load_demo)"

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

F, M = Gender.FEMALE, Gender.MALE
PARTY, MINISTRY, DEPT, COMMUNE, MASS, UNIT = (
    OrganizationKind.PARTY_BODY,
    OrganizationKind.MINISTRY,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.COMMUNE,
    OrganizationKind.MASS_ORGANIZATION,
    OrganizationKind.UNIT,
)


class OrgRow(NamedTuple):
    code: str
    name: str
    kind: str
    parent: str | None = None
    short_name: str = ""


class PersonRow(NamedTuple):
    code: str
    full_name: str
    gender: str
    position: str
    organization: str


class BlocRow(NamedTuple):
    code: str
    year: int
    name: str
    kind: str
    organizer: str
    leader: str
    deputy: str
    members: tuple[str, ...]
    description: str = ""


class UserRow(NamedTuple):
    username: str
    role: str
    organization: str
    person: str
    is_admin: bool = False


# Parents come before their children: the loader creates in this order.
ORGANIZATIONS: tuple[OrgRow, ...] = (
    # 000 – Ban Tuyên giáo Trung ương, its vụ, đơn vị and mass organisations.
    OrgRow("BTGTW", "Ban Tuyên giáo Trung ương", PARTY, short_name="Ban Tuyên giáo TW"),
    OrgRow("BTGTW-LLCT", "Vụ Lý luận chính trị", DEPT, "BTGTW"),
    OrgRow("BTGTW-TT", "Vụ Tuyên truyền", DEPT, "BTGTW"),
    OrgRow("BTGTW-BCXB", "Vụ Báo chí – Xuất bản", DEPT, "BTGTW"),
    OrgRow("BTGTW-VHVN", "Vụ Văn hóa – Văn nghệ", DEPT, "BTGTW"),
    OrgRow("BTGTW-KG", "Vụ Khoa giáo", DEPT, "BTGTW"),
    OrgRow("BTGTW-VP", "Văn phòng Ban", DEPT, "BTGTW"),
    OrgRow("BTGTW-TCCB", "Vụ Tổ chức – Cán bộ", DEPT, "BTGTW"),
    OrgRow("BTGTW-TCTG", "Tạp chí Tuyên giáo", UNIT, "BTGTW"),
    OrgRow("BTGTW-CD", "Công đoàn cơ quan Ban Tuyên giáo Trung ương", MASS, "BTGTW"),
    OrgRow("BTGTW-DTN", "Đoàn Thanh niên cơ quan Ban Tuyên giáo Trung ương", MASS, "BTGTW"),
    # 001 – Bộ Thông tin và Truyền thông (the provincial Sở is a separate body and left out).
    OrgRow("BTTTT", "Bộ Thông tin và Truyền thông", MINISTRY, short_name="Bộ TT&TT"),
    OrgRow("BTTTT-TDKT", "Vụ Thi đua – Khen thưởng", DEPT, "BTTTT"),
    OrgRow("BTTTT-VP", "Văn phòng Bộ", DEPT, "BTTTT"),
    OrgRow("BTTTT-CBC", "Cục Báo chí", DEPT, "BTTTT"),
    OrgRow("BTTTT-PTTH", "Cục Phát thanh, truyền hình và thông tin điện tử", DEPT, "BTTTT"),
    # 002 – the 14 units of the bloc of central Party agencies (BTGTW above is one of them).
    OrgRow("VPTW", "Văn phòng Trung ương Đảng", PARTY),
    OrgRow("BTCTW", "Ban Tổ chức Trung ương", PARTY),
    OrgRow("BTCTW-DTN", "Đoàn Thanh niên cơ quan Ban Tổ chức Trung ương", MASS, "BTCTW"),
    OrgRow("BDVTW", "Ban Dân vận Trung ương", PARTY),
    OrgRow("BDNTW", "Ban Đối ngoại Trung ương", PARTY),
    OrgRow("BKTTW", "Ban Kinh tế Trung ương", PARTY),
    OrgRow("BNCTW", "Ban Nội chính Trung ương", PARTY),
    OrgRow("UBKTTW", "Ủy ban Kiểm tra Trung ương", PARTY),
    OrgRow("HVCTQG", "Học viện Chính trị Quốc gia Hồ Chí Minh", UNIT, short_name="Học viện CTQG Hồ Chí Minh"),
    OrgRow("BAO-ND", "Báo Nhân Dân", UNIT),
    OrgRow("TCCS", "Tạp chí Cộng sản", UNIT),
    OrgRow("DUK-CCQTW", "Đảng ủy Khối các cơ quan Trung ương", PARTY, short_name="Đảng ủy Khối CCQ TW"),
    OrgRow("HDLLTW", "Hội đồng Lý luận Trung ương", PARTY),
    OrgRow("BBVSKTW", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ Trung ương", PARTY, short_name="Ban BVCSSK cán bộ TW"),
    # 003 – Tỉnh ủy Đồng Tháp → Ban Tuyên giáo Tỉnh ủy → phòng.
    OrgRow("TU-DT", "Tỉnh ủy Đồng Tháp", PARTY),
    OrgRow("BTGTU-DT", "Ban Tuyên giáo Tỉnh ủy Đồng Tháp", PARTY, "TU-DT"),
    OrgRow("BTGTU-DT-LLLS", "Phòng Lý luận chính trị – Lịch sử Đảng", DEPT, "BTGTU-DT"),
    OrgRow("BTGTU-DT-TTBC", "Phòng Tuyên truyền – Báo chí – Xuất bản", DEPT, "BTGTU-DT"),
    OrgRow("BTGTU-DT-KGVH", "Phòng Khoa giáo – Văn hóa – Văn nghệ", DEPT, "BTGTU-DT"),
    OrgRow("BTGTU-DT-VP", "Văn phòng Ban", DEPT, "BTGTU-DT"),
    OrgRow("BTGTU-DT-CD", "Công đoàn cơ quan Ban Tuyên giáo Tỉnh ủy Đồng Tháp", MASS, "BTGTU-DT"),
    # 004 – Thành ủy Sóc Trăng → Ban Tuyên giáo Thành ủy → Ban Tuyên giáo of its 10 wards.
    OrgRow("TU-ST", "Thành ủy Sóc Trăng", PARTY),
    OrgRow("BTGTU-ST", "Ban Tuyên giáo Thành ủy Sóc Trăng", PARTY, "TU-ST"),
    *(
        OrgRow(f"BTG-ST-P{n}", f"Ban Tuyên giáo Đảng ủy Phường {n}", COMMUNE, "BTGTU-ST", f"BTG Phường {n}")
        for n in range(1, 11)
    ),
    # The worked example of a rule-based table (campaigns/demo_data/rule_table_example.json): an illustrative
    # province whose culture department scores three communes' culture–society offices (plan 99-KH/MINHHOA).
    OrgRow(
        "UBND-MH",
        "Ủy ban nhân dân tỉnh Minh Họa (minh họa)",
        OrganizationKind.PROVINCE,
        short_name="UBND tỉnh Minh Họa",
    ),
    OrgRow("SVH-MH", "Sở Văn hóa, Thể thao và Du lịch tỉnh Minh Họa", DEPT, "UBND-MH", "Sở VHTTDL Minh Họa"),
    OrgRow("MH-X1", "Phòng Văn hóa – Xã hội xã An Hòa", COMMUNE, "UBND-MH", "Phòng VH-XH An Hòa"),
    OrgRow("MH-X2", "Phòng Văn hóa – Xã hội xã Bình Lợi", COMMUNE, "UBND-MH", "Phòng VH-XH Bình Lợi"),
    OrgRow("MH-X3", "Phòng Văn hóa – Xã hội phường Châu Thành", COMMUNE, "UBND-MH", "Phòng VH-XH Châu Thành"),
)

# Per ward 1…10: (cán bộ phụ trách tuyên giáo, trưởng ban tuyên giáo đảng ủy phường).
WARD_POSITIONS = ("Cán bộ phụ trách công tác tuyên giáo", "Trưởng Ban Tuyên giáo Đảng ủy phường")
WARD_STAFF = (
    (("Lê Thị Mỹ Duyên", F), ("Trần Văn Toàn", M)),
    (("Nguyễn Hữu Phước", M), ("Đặng Thị Kim Thoa", F)),
    (("Sơn Thị Bích Trâm", F), ("Lý Văn Tài", M)),
    (("Quách Minh Luân", M), ("Phạm Thị Cẩm Tú", F)),
    (("Huỳnh Thị Ngọc Trinh", F), ("Võ Văn Khải", M)),
    (("Lâm Văn Quý", M), ("Tăng Thị Mỹ Linh", F)),
    (("Trương Thị Thanh Tâm", F), ("Diệp Văn Hòa", M)),
    (("Phan Thanh Sơn", M), ("Bùi Thị Thu Thảo", F)),
    (("Châu Thị Hồng Vân", F), ("Thạch Sa Rinh", M)),
    (("Đỗ Thị Phương Thảo", F), ("Lưu Quốc Khánh", M)),
)

# Names of people in public roles come from the seed articles; everyone else is invented.
PEOPLE: tuple[PersonRow, ...] = (
    PersonRow("CB-BTGTW-01", "Võ Văn Phuông", M, "Phó Trưởng Ban Tuyên giáo Trung ương", "BTGTW"),
    PersonRow("CB-BTGTW-VP-01", "Phạm Thị Thu Hà", F, "Chánh Văn phòng Ban", "BTGTW-VP"),
    PersonRow("CB-BTGTW-TCCB-01", "Đặng Minh Tuấn", M, "Vụ trưởng Vụ Tổ chức – Cán bộ", "BTGTW-TCCB"),
    PersonRow("CB-BTGTW-TCCB-02", "Hoàng Thị Mai Anh", F, "Chuyên viên thi đua – khen thưởng", "BTGTW-TCCB"),
    PersonRow("CB-BTGTW-LLCT-01", "Bùi Quang Huy", M, "Phó Vụ trưởng Vụ Lý luận chính trị", "BTGTW-LLCT"),
    PersonRow("CB-BTGTW-TT-01", "Trịnh Thị Lan Hương", F, "Chuyên viên chính", "BTGTW-TT"),
    PersonRow("CB-BTGTW-BCXB-01", "Đỗ Văn Khánh", M, "Chuyên viên", "BTGTW-BCXB"),
    PersonRow("CB-BTGTW-VHVN-01", "Lưu Thị Thanh Huyền", F, "Chuyên viên", "BTGTW-VHVN"),
    PersonRow("CB-BTGTW-KG-01", "Phan Đức Long", M, "Phó Vụ trưởng Vụ Khoa giáo", "BTGTW-KG"),
    PersonRow("CB-BTGTW-TCTG-01", "Vũ Thị Hồng Nhung", F, "Biên tập viên", "BTGTW-TCTG"),
    PersonRow("CB-BTGTW-CD-01", "Ngô Thị Bích Ngọc", F, "Chủ tịch Công đoàn cơ quan", "BTGTW-CD"),
    PersonRow("CB-BTGTW-DTN-01", "Lê Hoàng Nam", M, "Bí thư Đoàn Thanh niên cơ quan", "BTGTW-DTN"),
    PersonRow("CB-BTTTT-01", "Nguyễn Mạnh Hùng", M, "Bộ trưởng Bộ Thông tin và Truyền thông", "BTTTT"),
    PersonRow("CB-BTTTT-TDKT-01", "Trần Thị Kim Oanh", F, "Vụ trưởng Vụ Thi đua – Khen thưởng", "BTTTT-TDKT"),
    PersonRow("CB-BTTTT-TDKT-02", "Nguyễn Đức Minh", M, "Chuyên viên", "BTTTT-TDKT"),
    PersonRow("CB-BTTTT-VP-01", "Lương Thị Hải Yến", F, "Phó Chánh Văn phòng Bộ", "BTTTT-VP"),
    PersonRow("CB-DUK-01", "Sơn Minh Thắng", M, "Bí thư Đảng ủy Khối các cơ quan Trung ương", "DUK-CCQTW"),
    PersonRow("CB-BDVTW-01", "Điểu K’ré", M, "Phó Trưởng ban Thường trực Ban Dân vận Trung ương", "BDVTW"),
    PersonRow("CB-BTCTW-DTN-01", "Nguyễn Thu Trang", F, "Bí thư Đoàn Thanh niên cơ quan", "BTCTW-DTN"),
    PersonRow("CB-DT-01", "Huỳnh Minh Trí", M, "Trưởng Ban Tuyên giáo Tỉnh ủy", "BTGTU-DT"),
    PersonRow("CB-DT-02", "Phan Thị Mỹ Hạnh", F, "Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "BTGTU-DT"),
    PersonRow("CB-DT-VP-01", "Nguyễn Văn Sang", M, "Chánh Văn phòng Ban", "BTGTU-DT-VP"),
    PersonRow("CB-DT-VP-02", "Lê Thanh Đào", F, "Chuyên viên thi đua – khen thưởng", "BTGTU-DT-VP"),
    PersonRow("CB-DT-LL-01", "Võ Thị Kim Ngân", F, "Trưởng phòng", "BTGTU-DT-LLLS"),
    PersonRow("CB-DT-LL-02", "Đoàn Văn Lợi", M, "Chuyên viên", "BTGTU-DT-LLLS"),
    PersonRow("CB-DT-TT-01", "Nguyễn Hoàng Phúc", M, "Trưởng phòng", "BTGTU-DT-TTBC"),
    PersonRow("CB-DT-TT-02", "Trần Quốc Cường", M, "Chuyên viên", "BTGTU-DT-TTBC"),
    PersonRow("CB-DT-KG-01", "Dương Thị Thúy Vy", F, "Trưởng phòng", "BTGTU-DT-KGVH"),
    PersonRow("CB-DT-KG-02", "Lâm Văn Đức", M, "Chuyên viên", "BTGTU-DT-KGVH"),
    PersonRow("CB-DT-CD-01", "Mai Thị Ngọc Lan", F, "Chủ tịch Công đoàn cơ quan", "BTGTU-DT-CD"),
    PersonRow("CB-TUST-01", "Trương Minh Khoa", M, "Chuyên viên Văn phòng Thành ủy", "TU-ST"),
    PersonRow("CB-ST-01", "Trần Văn Hiếu", M, "Trưởng Ban Tuyên giáo Thành ủy", "BTGTU-ST"),
    PersonRow("CB-ST-02", "Lâm Thị Ngọc Hân", F, "Phó Trưởng Ban Tuyên giáo Thành ủy", "BTGTU-ST"),
    PersonRow("CB-ST-03", "Nguyễn Thị Ngọc Phượng", F, "Chuyên viên", "BTGTU-ST"),
    PersonRow("CB-ST-04", "Huỳnh Quốc Bảo", M, "Chuyên viên", "BTGTU-ST"),
    PersonRow("CB-ST-05", "Thạch Thị Sa Ry", F, "Chuyên viên", "BTGTU-ST"),
    PersonRow("CB-MH-01", "Nguyễn Thị Thanh Xuân", F, "Chuyên viên thi đua – khen thưởng", "SVH-MH"),
    PersonRow("CB-MH-02", "Trần Minh Quang", M, "Chuyên viên thẩm định", "SVH-MH"),
    # The State-style example of issue 12: the department's council and its deputy director signing "KT. GIÁM ĐỐC".
    PersonRow("CB-MH-03", "Phạm Thị Lan", F, "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch", "SVH-MH"),
    PersonRow("CB-MH-04", "Đỗ Thanh Tùng", M, "Chánh Văn phòng Sở Văn hóa, Thể thao và Du lịch", "SVH-MH"),
    PersonRow("CB-MH-X1", "Lê Văn Hậu", M, "Trưởng phòng Văn hóa – Xã hội", "MH-X1"),
    PersonRow("CB-MH-X2", "Phạm Thị Ngọc Ánh", F, "Trưởng phòng Văn hóa – Xã hội", "MH-X2"),
    PersonRow("CB-MH-X3", "Võ Hoàng Phúc", M, "Trưởng phòng Văn hóa – Xã hội", "MH-X3"),
    *(
        PersonRow(f"CB-ST-P{ward}-{i:02d}", name, gender, position, f"BTG-ST-P{ward}")
        for ward, staff in enumerate(WARD_STAFF, start=1)
        for i, ((name, gender), position) in enumerate(zip(staff, WARD_POSITIONS, strict=True), start=1)
    ),
)

# Who leads each bloc is a demo choice: the seed articles do not say.
BLOCS: tuple[BlocRow, ...] = (
    BlocRow(
        "KTD-CQD-TW",
        2020,
        "Khối thi đua các cơ quan Đảng Trung ương",
        BlocKind.BLOC,
        "DUK-CCQTW",
        leader="BTCTW",
        deputy="BTGTW",
        members=(
            "VPTW",
            "BTCTW",
            "BTGTW",
            "BDVTW",
            "BDNTW",
            "BKTTW",
            "BNCTW",
            "UBKTTW",
            "HVCTQG",
            "BAO-ND",
            "TCCS",
            "DUK-CCQTW",
            "HDLLTW",
            "BBVSKTW",
        ),
        description="14 cơ quan, hơn 5.500 cán bộ, công chức, viên chức và người lao động.",
    ),
    BlocRow(
        "CTD-BTG-ST",
        2023,
        "Cụm thi đua Ban Tuyên giáo các phường thành phố Sóc Trăng",
        BlocKind.CLUSTER,
        "BTGTU-ST",
        leader="BTG-ST-P1",
        deputy="BTG-ST-P2",
        members=tuple(f"BTG-ST-P{n}" for n in range(1, 11)),
        description="Ban Tuyên giáo Đảng ủy 10 phường; thang điểm 100, tự chấm và đối chiếu.",
    ),
)

USERS: tuple[UserRow, ...] = (
    UserRow("canbo", Role.OFFICER, "BTGTU-ST", "CB-ST-03"),
    UserRow("chamdiem", Role.SCORER, "BTG-ST-P1", "CB-ST-P1-01"),
    UserRow("chamdiem2", Role.SCORER, "BTG-ST-P2", "CB-ST-P2-01"),
    UserRow("thamdinh", Role.REVIEWER, "BTGTU-ST", "CB-ST-04"),
    UserRow("hoidong", Role.COUNCIL_MEMBER, "BTGTU-ST", "CB-ST-02"),
    UserRow("thuky", Role.COUNCIL_SECRETARY, "BTGTU-ST", "CB-ST-05"),
    UserRow("nguoiky", Role.SIGNER, "BTGTU-ST", "CB-ST-01"),
    UserRow("quantri", Role.ADMIN, "TU-ST", "CB-TUST-01", is_admin=True),
    UserRow("canbo_tw", Role.OFFICER, "BTGTW", "CB-BTGTW-TCCB-02"),
    UserRow("canbo_dt", Role.OFFICER, "BTGTU-DT", "CB-DT-VP-02"),
    UserRow("canbo_mh", Role.OFFICER, "SVH-MH", "CB-MH-01"),
    UserRow("thamdinh_mh", Role.REVIEWER, "SVH-MH", "CB-MH-02"),
    UserRow("nguoiky_mh", Role.SIGNER, "SVH-MH", "CB-MH-03"),
    UserRow("thuky_mh", Role.COUNCIL_SECRETARY, "SVH-MH", "CB-MH-04"),
    UserRow("chamdiem_mh1", Role.SCORER, "MH-X1", "CB-MH-X1"),
    UserRow("chamdiem_mh2", Role.SCORER, "MH-X2", "CB-MH-X2"),
    UserRow("chamdiem_mh3", Role.SCORER, "MH-X3", "CB-MH-X3"),
)


def _differs(instance, values: dict) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def _organizations_by_code(codes) -> dict[str, Organization]:
    return {org.code: org for org in Organization.objects.filter(code__in=set(codes))}


def _sync_organization(row: OrgRow, by_code: dict[str, Organization]) -> str:
    parent = by_code[row.parent] if row.parent else None
    fields = {"name": row.name, "short_name": row.short_name, "kind": row.kind}
    organization = by_code.get(row.code)
    if organization is None:
        by_code[row.code] = services.organization_create(code=row.code, parent=parent, **fields)
        return CREATED
    if organization.parent_id == (parent.pk if parent else None) and not _differs(organization, fields):
        return UNCHANGED
    by_code[row.code] = services.organization_update(
        organization=organization, parent=parent, note=CHANGE_NOTE, **fields
    )
    return UPDATED


def load_organizations() -> dict[str, Counter]:
    """Create or repair the demo organisation tree; paths are kept by the organisation services."""
    by_code = _organizations_by_code(row.code for row in ORGANIZATIONS)
    return {"organizations": Counter(_sync_organization(row, by_code) for row in ORGANIZATIONS)}


def _sync_person(row: PersonRow, organization: Organization) -> str:
    values = {
        "full_name": row.full_name,
        "gender": row.gender,
        "position": row.position,
        "organization_id": organization.pk,
    }
    person = Person.objects.filter(code=row.code).first()
    if person is None:
        services.person_save(code=row.code, **values)
        return CREATED
    if not _differs(person, values):
        return UNCHANGED
    services.person_save(person=person, **values)
    return UPDATED


def load_people() -> dict[str, Counter]:
    """Create or repair the demo staff, matched on their staff code."""
    by_code = _organizations_by_code(row.organization for row in PEOPLE)
    return {"people": Counter(_sync_person(row, by_code[row.organization]) for row in PEOPLE)}


def _sync_bloc(row: BlocRow, by_code: dict[str, Organization]) -> tuple[EmulationBloc, str]:
    values = {
        "name": row.name,
        "kind": row.kind,
        "organizer_id": by_code[row.organizer].pk,
        "description": row.description,
    }
    bloc = EmulationBloc.objects.filter(code=row.code, year=row.year).first()
    outcome = UPDATED
    if bloc is None:
        bloc, outcome = EmulationBloc(code=row.code, year=row.year), CREATED
    elif not _differs(bloc, values):
        return bloc, UNCHANGED
    for name, value in values.items():
        setattr(bloc, name, value)
    bloc.full_clean()
    bloc.save()
    return bloc, outcome


def _bloc_role(row: BlocRow, code: str) -> str:
    return {row.leader: BlocRole.LEADER, row.deputy: BlocRole.DEPUTY}.get(code, BlocRole.MEMBER)


def _sync_bloc_members(bloc: EmulationBloc, row: BlocRow, by_code: dict[str, Organization]) -> Counter:
    """Add missing members and fix roles; members added by hand are left alone."""
    current = dict(bloc.memberships.values_list("organization__code", "role"))
    tally = Counter()
    for code in row.members:
        role = _bloc_role(row, code)
        if current.get(code) == role:
            tally[UNCHANGED] += 1
            continue
        services.bloc_member_set(bloc=bloc, organization=by_code[code], role=role)
        tally[UPDATED if code in current else CREATED] += 1
    return tally


def load_blocs() -> dict[str, Counter]:
    """Create or repair the demo bloc (khối) and cluster (cụm), matched on code and year, with members."""
    by_code = _organizations_by_code(code for row in BLOCS for code in (row.organizer, *row.members))
    blocs, members = Counter(), Counter()
    for row in BLOCS:
        bloc, outcome = _sync_bloc(row, by_code)
        blocs[outcome] += 1
        members += _sync_bloc_members(bloc, row, by_code)
    return {"blocs": blocs, "bloc_members": members}


def _sync_user(row: UserRow, person: Person) -> str:
    user, created = get_user_model().objects.get_or_create(username=row.username)
    values = {
        "first_name": person.full_name,
        "email": f"{row.username}@{DEMO_EMAIL_DOMAIN}",
        "is_active": True,
        "is_staff": row.is_admin,
        "is_superuser": row.is_admin,
    }
    # Checked before setting so that a second run keeps the same hash (and updated rows stay untouched).
    changed = _differs(user, values) or not user.check_password(DEMO_PASSWORD)
    if changed:
        for name, value in values.items():
            setattr(user, name, value)
        user.set_password(DEMO_PASSWORD)
        user.save()
    if person.user_id != user.pk:
        services.person_save(person=person, user=user)
        changed = True
    return CREATED if created else UPDATED if changed else UNCHANGED


def load_users() -> dict[str, Counter]:
    """One demo login per role, each linked to a person and holding one membership."""
    people = {p.code: p for p in Person.objects.filter(code__in=[row.person for row in USERS])}
    by_code = _organizations_by_code(row.organization for row in USERS)
    users, memberships = Counter(), Counter()
    for row in USERS:
        users[_sync_user(row, people[row.person])] += 1
        user = people[row.person].user
        organization = by_code[row.organization]
        exists = Membership.objects.filter(user=user, organization=organization, role=row.role).exists()
        services.membership_grant(user=user, organization=organization, role=row.role)
        memberships[UNCHANGED if exists else CREATED] += 1
    return {"users": users, "memberships": memberships}


LOADERS: tuple[Callable[[], dict[str, Counter]], ...] = (load_organizations, load_people, load_blocs, load_users)


@transaction.atomic
def load_all() -> dict[str, Counter]:
    """Run every demo loader in order, all or nothing; returns the tally per section."""
    summary: dict[str, Counter] = {}
    for loader in LOADERS:
        summary |= loader()
    return summary


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, password, role label, organisation name) of every demo login, in the active language."""
    names = dict(Organization.objects.filter(code__in=[row.organization for row in USERS]).values_list("code", "name"))
    return [(row.username, DEMO_PASSWORD, str(Role(row.role).label), names[row.organization]) for row in USERS]
