"""Demo campaigns of the seed articles (the README's "Demo data"), loaded after ``organizations.demo``.

Seed 000: plan 383-KH/BTGTW, three phases with their own themes, collectives and individuals, at least one
emulation product per unit. Seed 004: Sóc Trăng's ten wards on a 10-criterion, 100-point table with three
tiers (and a cloned 2024 draft). Seed 003: Đồng Tháp's two themes with separate collective and individual
tables and quantitative targets. Seed 002: the 2020 covenant of the bloc of central Party agencies, signed
by some members only, so the officer sees who is missing.

Idempotent: a campaign is matched on (launching organisation, plan number); phases, tables and tiers are
added only while it is a draft and lacks them; participants, registrations and signatures only when
missing. A launched campaign is never edited. Every service call goes through the campaigns services.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction

from campaigns import points as pt
from campaigns.enums import (
    CampaignKind,
    CampaignStatus,
    CriterionKind,
    CriterionMethod,
    ParticipantKind,
    ParticipantScope,
    ProductStatus,
    ProductType,
)
from campaigns.models import Campaign, Covenant, Participant, Tier
from campaigns.participants import services as ps
from campaigns.planning import services
from campaigns.points import LEGACY_PART
from campaigns.tables import services as ts
from organizations import services as org_services
from organizations.demo import CREATED, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, UNCHANGED, UPDATED
from organizations.enums import Role
from organizations.models import EmulationBloc, Organization, Person

# A yes/no criterion is "yes/no parts" with one part worth its points (see _criterion_fields).
MANUAL, TARGET, BOOLEAN, COUNT = (
    CriterionMethod.MANUAL,
    CriterionMethod.TARGET,
    "boolean",
    CriterionMethod.COUNT_MINIMUM,
)
COLLECTIVE, INDIVIDUAL = ParticipantKind.COLLECTIVE, ParticipantKind.INDIVIDUAL


class PhaseRow(NamedTuple):
    name: str
    start_date: date
    end_date: date
    theme: str = ""


class CriterionRow(NamedTuple):
    code: str
    text: str
    max_points: int
    method: str = MANUAL
    target_value: int | None = None
    target_unit: str = ""
    count_minimum: int | None = None
    kind: str = CriterionKind.REGULAR
    guidance: str = ""


class GroupRow(NamedTuple):
    code: str
    title: str
    criteria: tuple[CriterionRow, ...]


class TableRow(NamedTuple):
    participant_kind: str
    groups: tuple[GroupRow, ...]
    declared_total: int = 100
    bonus_cap: int | None = None


class ProductRow(NamedTuple):
    title: str
    product_type: str
    owner: str = ""
    due_date: date | None = None
    status: str = ProductStatus.PLANNED


class RegistrationRow(NamedTuple):
    participant: str  # an organisation code (collective) or a staff code (individual)
    username: str  # the unit's scorer, or the person themself
    commitment: str
    products: tuple[ProductRow, ...]


class CampaignRow(NamedTuple):
    organization: str
    officer: str
    fields: dict
    phases: tuple[PhaseRow, ...]
    tables: tuple[TableRow, ...]
    tiers: tuple[tuple[str, int], ...]
    units_under: str | None = None  # every unit below this organisation (not itself) takes part
    people: tuple[str, ...] = ()
    registrations: tuple[RegistrationRow, ...] = ()
    launch: bool = True
    units: tuple[str, ...] = ()  # organisations enrolled by code
    spec_file: str = ""  # a rule-based table (campaigns/demo_data/), in the JSON shape of points.table_from_dict


# Common classification of civil servants' results; seeds 000 and 003 name no tiers (a demo choice).
TASK_TIERS = (
    ("Hoàn thành xuất sắc nhiệm vụ", 90),
    ("Hoàn thành tốt nhiệm vụ", 70),
    ("Hoàn thành nhiệm vụ", 50),
    ("Không hoàn thành nhiệm vụ", 0),
)

# --- seed 000: Ban Tuyên giáo Trung ương, plan 383-KH/BTGTW --------------------------------------------

BTGTW_PHASES = (
    PhaseRow(
        "Đợt 1",
        date(2020, 5, 1),
        date(2020, 6, 30),
        "Cán bộ, đảng viên, công chức, viên chức, người lao động thi đua lập thành tích chào mừng Đại hội Đảng bộ "
        "cơ quan Ban Tuyên giáo Trung ương lần thứ IV, nhiệm kỳ 2020-2025",
    ),
    PhaseRow(
        "Đợt 2",
        date(2020, 7, 1),
        date(2020, 8, 1),
        "Cán bộ, công chức, viên chức, người lao động tích cực hưởng ứng tháng cao điểm thi đua chào mừng kỷ niệm "
        "90 năm Ngày truyền thống ngành Tuyên giáo của Đảng",
    ),
    PhaseRow(
        "Đợt 3",
        date(2020, 9, 1),
        date(2020, 12, 31),
        "Mỗi cán bộ, công chức, viên chức một sản phẩm thi đua góp phần hoàn thành xuất sắc nhiệm vụ của Ban năm "
        "2020, để tiến tới chào mừng Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    ),
)
# Contents and products are quoted from the plan; the points are a demo choice (the article gives none).
BTGTW_GROUPS = (
    GroupRow(
        "I",
        "Nội dung, tiêu chí thi đua",
        (
            CriterionRow(
                "1", "Đổi mới phương thức lãnh đạo, cải tiến lề lối làm việc, nâng cao chất lượng công tác", 10
            ),
            CriterionRow(
                "2",
                "Thực hiện có hiệu quả phong trào thi đua nâng cao chất lượng, hiệu quả công tác tham mưu; "
                "nâng cao chất lượng xây dựng các đề tài, đề án, báo cáo, hướng dẫn",
                15,
            ),
            CriterionRow(
                "3",
                "Thi đua hoàn thành xuất sắc nhiệm vụ gắn với việc học tập và làm theo tư tưởng, đạo đức, "
                "phong cách Hồ Chí Minh. Triển khai chuyên đề học tập Bác năm 2020 bằng những việc làm, "
                "hành động cụ thể, thiết thực",
                15,
            ),
            CriterionRow(
                "4",
                "Nâng cao bản lĩnh chính trị, chống các biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống",
                10,
            ),
            CriterionRow(
                "5",
                "Tích cực học tập lý luận chính trị, rèn luyện phẩm chất đạo đức, lối sống; nâng cao "
                "trình độ chuyên môn nghiệp vụ",
                10,
            ),
            CriterionRow("6", "Đẩy mạnh cải cách hành chính, sửa đổi lề lối làm việc", 10),
            CriterionRow("7", "Tích cực thi đua thực hiện văn hoá công sở", 10),
        ),
    ),
    GroupRow(
        "II",
        "Sản phẩm thi đua",
        (
            CriterionRow(
                "8",
                "Có hoặc tham gia ít nhất 1 đề án (hoặc 2-3 báo cáo, hướng dẫn…) dưới dạng sản phẩm có "
                "chất lượng cao được lãnh đạo Ban phê duyệt",
                20,
                COUNT,
                count_minimum=1,
                guidance="Số đề án (hoặc bộ 2-3 báo cáo, hướng dẫn) được lãnh đạo Ban phê duyệt.",
            ),
            CriterionRow(
                "9",
                "Có nhiều tin, bài báo dưới dạng sản phẩm đăng tải trên mạng VCNet có sức lan toả, được "
                "nhiều độc giả chia sẻ, like, bình luận tích cực",
                5,
                kind=CriterionKind.BONUS,
            ),
            CriterionRow(
                "10",
                "Có những sáng kiến, sáng tạo, thành tích đặc biệt nổi bật, với những sản phẩm thi đua xuất sắc",
                5,
                kind=CriterionKind.BONUS,
            ),
            CriterionRow(
                "11",
                "Đạt các giải cao trong các hoạt động văn hóa văn nghệ, thể dục thể thao, các hoạt động xã hội khác",
                5,
                kind=CriterionKind.BONUS,
            ),
        ),
    ),
)
BTGTW_2020 = CampaignRow(
    organization="BTGTW",
    officer="canbo_tw",
    fields={
        "kind": CampaignKind.THEMATIC,
        "plan_number": "383-KH/BTGTW",
        "plan_date": date(2020, 4, 20),
        "signer_name": "Võ Văn Phuông",
        "signer_title": "Phó Trưởng Ban Tuyên giáo Trung ương",
        "name": "Phong trào thi đua năm 2020 của Ban Tuyên giáo Trung ương",
        "theme": "Chào mừng các ngày lễ lớn, sự kiện trọng đại của đất nước và kỷ niệm 90 năm Ngày truyền thống "
        "ngành Tuyên giáo (01/8/1930 – 1/8/2020)",
        "objectives": "Nâng cao ý thức, trách nhiệm, phát huy tinh thần năng động, sáng tạo, tạo khí thế thi đua "
        "sôi nổi, vượt qua khó khăn của cán bộ, công chức, viên chức, người lao động của Ban hoàn "
        "thành thắng lợi các nhiệm vụ công tác năm 2020. Phải đảm bảo thực chất, hiệu quả, tránh "
        "phô trương hình thức; kết thúc từng đợt phải tạo ra kết quả, sản phẩm thi đua.",
        "start_date": date(2020, 5, 1),
        "end_date": date(2020, 12, 31),
        "participant_scope": ParticipantScope.BOTH,
        "min_products_per_unit": 1,
    },
    phases=BTGTW_PHASES,
    tables=(TableRow(COLLECTIVE, BTGTW_GROUPS, bonus_cap=10), TableRow(INDIVIDUAL, BTGTW_GROUPS, bonus_cap=10)),
    tiers=TASK_TIERS,
    units_under="BTGTW",
    people=(
        "CB-BTGTW-TCCB-02",
        "CB-BTGTW-LLCT-01",
        "CB-BTGTW-TT-01",
        "CB-BTGTW-BCXB-01",
        "CB-BTGTW-VHVN-01",
        "CB-BTGTW-KG-01",
        "CB-BTGTW-TCTG-01",
    ),
    registrations=(
        RegistrationRow(
            "CB-BTGTW-TCCB-02",
            "canbo_tw",
            "Hoàn thành xuất sắc nhiệm vụ năm 2020 với ít nhất một sản phẩm thi đua được lãnh đạo Ban phê duyệt.",
            (
                ProductRow(
                    "Hướng dẫn tổ chức phong trào thi đua chào mừng 90 năm Ngày truyền thống ngành Tuyên giáo",
                    ProductType.GUIDE,
                    "Vụ Tổ chức – Cán bộ",
                    date(2020, 7, 15),
                ),
            ),
        ),
    ),
)

# --- seed 004: Ban Tuyên giáo Thành ủy Sóc Trăng and its 10 wards -------------------------------------

SOC_TRANG_CRITERIA = (
    CriterionRow(
        "1",
        "Công tác theo dõi, nắm diễn biến tư tưởng, dư luận xã hội trong cán bộ, đảng viên và nhân "
        "dân, nhất là những địa bàn và những vấn đề bức xúc, nhạy cảm một cách nhanh nhạy, kịp thời "
        "báo cáo cho cấp ủy và Ban Tuyên giáo Thành ủy; đề xuất những biện pháp cụ thể giúp cấp ủy "
        "lãnh đạo cán bộ, đảng viên và nhân dân nhất trí cao với quan điểm, chủ trương của Đảng, chính "
        "sách, pháp luật của Nhà nước; đấu tranh có hiệu quả với những luận điệu xấu, xuyên tạc Đảng, "
        "Nhà nước",
        5,
    ),
    CriterionRow("2", "Công tác tham mưu của Ban Tuyên giáo đối với cấp ủy cùng cấp", 5),
    CriterionRow("3", "Công tác tuyên truyền, hoạt động báo cáo viên, tuyên truyền viên", 15),
    CriterionRow("4", "Công tác tham mưu mua, đọc báo Đảng tại địa phương, đơn vị", 5),
    CriterionRow(
        "5",
        "Công tác phối hợp với cơ quan Nhà nước cùng cấp trong việc thực thi pháp luật, triển khai "
        "kế hoạch phát triển kinh tế - xã hội, giải quyết các vấn đề nổi cộm, nhân dân quan tâm theo "
        "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư",
        5,
    ),
    CriterionRow("6", "Công tác khoa giáo, văn hóa – văn nghệ", 40),
    CriterionRow("7", "Công tác giáo dục lý luận chính trị và lịch sử Đảng", 10),
    CriterionRow("8", "Thực hiện việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 5),
    CriterionRow("9", "Tổ chức bộ máy", 2),
    CriterionRow("10", "Chế độ báo cáo", 8),
)
# The seed names three levels only; units with 90 points or more are commended (biểu dương).
SOC_TRANG_TIERS = (("Xuất sắc", 90), ("Khá", 70), ("Trung bình", 0))
SOC_TRANG_2023 = CampaignRow(
    organization="BTGTU-ST",
    officer="canbo",
    fields={
        "kind": CampaignKind.REGULAR,
        "plan_number": "05-KH/BTGTU",  # the article gives no number or date: demo choice
        "plan_date": date(2022, 12, 30),
        "signer_name": "Trần Văn Hiếu",
        "signer_title": "Trưởng Ban Tuyên giáo Thành ủy",
        "name": "Phong trào thi đua năm 2023 đối với Ban Tuyên giáo 10 phường",
        "theme": "Hoàn thành xuất sắc các nhiệm vụ của ngành Tuyên giáo năm 2023",
        "objectives": "Phát huy hơn nữa ý thức, trách nhiệm, tinh thần năng động, sáng tạo của cán bộ phụ trách "
        "công tác Tuyên giáo của Đảng ủy 10 phường; tăng cường sự đoàn kết, phối hợp, trao đổi kinh "
        "nghiệm công tác trong hoạt động Tuyên giáo trên địa bàn thành phố. Các phường tự chấm điểm; "
        "Ban Tuyên giáo Thành ủy khảo sát, đối chiếu; biểu dương các đơn vị đạt từ 90 điểm trở lên.",
        "start_date": date(2023, 1, 1),
        "end_date": date(2023, 12, 31),
        "participant_scope": ParticipantScope.COLLECTIVE,
    },
    phases=(PhaseRow("Năm 2023", date(2023, 1, 1), date(2023, 12, 31)),),
    tables=(TableRow(COLLECTIVE, (GroupRow("I", "Nội dung và thang điểm thi đua", SOC_TRANG_CRITERIA),)),),
    tiers=SOC_TRANG_TIERS,
    units_under="BTGTU-ST",
    registrations=(
        RegistrationRow(
            "BTG-ST-P1",
            "chamdiem",
            "Phấn đấu đạt từ 90 điểm trở lên, xếp loại Xuất sắc.",
            (
                ProductRow(
                    "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2023",
                    ProductType.REPORT,
                    "Ban Tuyên giáo Đảng ủy Phường 1",
                    date(2023, 6, 30),
                ),
                ProductRow(
                    "Tọa đàm tuyên truyền viên cơ sở về nắm bắt dư luận xã hội",
                    ProductType.OTHER,
                    "Ban Tuyên giáo Đảng ủy Phường 1",
                    date(2023, 9, 30),
                ),
            ),
        ),
        RegistrationRow(
            "BTG-ST-P2",
            "chamdiem2",
            "Hoàn thành đầy đủ, đúng hạn chế độ báo cáo và 10 nội dung thi đua.",
            (
                ProductRow(
                    "Mô hình “Tổ dân phố đọc báo Đảng”",
                    ProductType.INITIATIVE,
                    "Ban Tuyên giáo Đảng ủy Phường 2",
                    date(2023, 10, 31),
                ),
            ),
        ),
    ),
)

# --- seed 003: Ban Tuyên giáo Tỉnh ủy Đồng Tháp -------------------------------------------------------

CULTURE = "Xây dựng văn hoá và con người Đồng Tháp nghĩa tình, năng động, sáng tạo"
DIGITAL = "Xây dựng chính quyền số, phát triển kinh tế, xã hội số"
DONG_THAP_COLLECTIVE = (
    GroupRow(
        "I",
        CULTURE,
        (
            CriterionRow(
                "1.1",
                "Thực hiện hoàn thành xuất sắc nhiệm vụ được phân công theo Kế hoạch số 86/KH-UBND ngày "
                "17/3/2022 của Uỷ ban nhân dân Tỉnh thực hiện Nghị quyết số 06-NQ/TU ngày 31/12/2021 của "
                "Ban Chấp hành Đảng bộ Tỉnh khoá XI về xây dựng văn hoá và con người Đồng Tháp nghĩa "
                "tình, năng động, sáng tạo",
                20,
            ),
            CriterionRow(
                "1.2",
                "Có nhiều hình thức mới, mô hình hay trong tuyên truyền, vận động cán bộ, công chức, "
                "người lao động thực hiện thi đua xây dựng văn hoá và con người Đồng Tháp nghĩa tình, "
                "năng động, sáng tạo, gắn việc học tập và làm theo tư tưởng, đạo đức, phong cách "
                "Hồ Chí Minh",
                15,
            ),
            CriterionRow(
                "1.3",
                "100% cán bộ, công chức, người lao động thực hiện tốt Quy tắc ứng xử của cán bộ, công "
                "chức Ban Tuyên giáo Tỉnh uỷ",
                15,
                BOOLEAN,
            ),
        ),
    ),
    GroupRow(
        "II",
        DIGITAL,
        (
            CriterionRow(
                "2.1",
                "100% văn bản phát hành được trao đổi qua môi trường mạng, dưới dạng văn bản điện tử, "
                "chữ ký số; trừ văn bản mật, văn bản tổ chức, nhân sự… theo quy định của pháp luật",
                15,
                TARGET,
                100,
                "%",
            ),
            CriterionRow(
                "2.2",
                "100% cán bộ, công chức được bồi dưỡng kỹ năng sử dụng thành thạo các ứng dụng công "
                "nghệ thông tin cơ bản, phục vụ nhiệm vụ chuyên môn",
                15,
                TARGET,
                100,
                "%",
            ),
            CriterionRow(
                "2.3",
                "50% cán bộ, công chức được tập huấn bồi dưỡng kỹ năng phân tích, khai thác dữ liệu và công nghệ số",
                10,
                TARGET,
                50,
                "%",
            ),
            CriterionRow(
                "2.4",
                "80% cuộc họp giữa cấp tỉnh với cấp huyện được tổ chức theo hình thức trực tuyến",
                10,
                TARGET,
                80,
                "%",
            ),
        ),
    ),
)
DONG_THAP_INDIVIDUAL = (
    GroupRow(
        "I",
        CULTURE,
        (
            CriterionRow(
                "1.1",
                "Gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; "
                "có phẩm chất chính trị, đạo đức, lối sống lành mạnh; có cách làm hay, sáng tạo được biểu "
                "dương, nhân rộng trong thực hiện nhiệm vụ chuyên môn",
                15,
            ),
            CriterionRow(
                "1.2",
                "Thể hiện tính tiên phong, gương mẫu trong ứng xử, giao tiếp, tạo mối quan hệ thân thiện "
                "từ lời nói đến việc làm theo tiêu chuẩn xây dựng người cán bộ, công chức “Trung thành, "
                "sáng tạo, tận tuỵ, gương mẫu” hướng đến chân - thiện - mỹ",
                10,
            ),
            CriterionRow(
                "1.3",
                "Đạt thành tích cao trong học tập, nghiên cứu, có đề tài sáng kiến, cách làm hay được "
                "công nhận, tôn vinh, góp phần nâng cao hình ảnh đất nước và con người Đồng Tháp - Đất "
                "Sen hồng",
                15,
            ),
            CriterionRow(
                "1.4",
                f"Tích cực cổ vũ, tham gia các nội dung, phong trào thi đua “{CULTURE}” tại cơ quan và "
                "địa phương nơi cư trú",
                10,
            ),
        ),
    ),
    GroupRow(
        "II",
        DIGITAL,
        (
            CriterionRow(
                "2.1",
                "Có sáng kiến mới, mô hình hay, thực hiện việc đẩy mạnh chuyển đổi số lĩnh vực tuyên "
                "giáo dựa trên công nghệ số, Internet và không gian mạng",
                15,
                COUNT,
                count_minimum=1,
                guidance="Chỉ tiêu của Cơ quan: 10% cán bộ, công chức có sáng kiến mới, mô hình hay.",
            ),
            CriterionRow(
                "2.2",
                "Được bồi dưỡng kỹ năng sử dụng thành thạo các ứng dụng công nghệ thông tin cơ bản, phục "
                "vụ nhiệm vụ chuyên môn",
                15,
                BOOLEAN,
            ),
            CriterionRow("2.3", "Năng suất lao động hàng năm tăng tối thiểu 7%", 20, TARGET, 7, "%/năm"),
        ),
    ),
)
DONG_THAP_2022 = CampaignRow(
    organization="BTGTU-DT",
    officer="canbo_dt",
    fields={
        "kind": CampaignKind.THEMATIC,
        "plan_number": "112-KH/BTGTU",  # the article cites only the province's plans 206 and 207/KH-UBND
        "plan_date": date(2022, 7, 15),
        "signer_name": "Huỳnh Minh Trí",
        "signer_title": "Trưởng Ban Tuyên giáo Tỉnh ủy",
        "name": f"Phong trào thi đua “{CULTURE}” và “Đồng Tháp đẩy mạnh chương trình chuyển đổi số” "
        "giai đoạn 2022 – 2025",
        "theme": "Thi đua xây dựng văn hoá và con người Đồng Tháp nghĩa tình, năng động, sáng tạo; "
        "Thi đua xây dựng chính quyền số, phát triển kinh tế, xã hội số",
        "objectives": "Hưởng ứng Kế hoạch số 206/KH-UBND và Kế hoạch số 207/KH-UBND ngày 07/6/2022 của Uỷ ban nhân "
        "dân Tỉnh; toàn thể cán bộ, công chức, người lao động cơ quan tham gia. Hội đồng Thi đua - "
        "Khen thưởng Cơ quan đánh giá thi đua và đề xuất xét khen thưởng.",
        "start_date": date(2022, 7, 15),
        "end_date": date(2025, 12, 31),
        "interim_review_date": date(2023, 12, 15),
        "final_review_date": date(2025, 12, 15),
        "participant_scope": ParticipantScope.BOTH,
    },
    phases=(
        PhaseRow("Giai đoạn 2022 – 2023 (sơ kết)", date(2022, 7, 15), date(2023, 12, 31)),
        PhaseRow("Giai đoạn 2024 – 2025 (tổng kết)", date(2024, 1, 1), date(2025, 12, 31)),
    ),
    tables=(TableRow(COLLECTIVE, DONG_THAP_COLLECTIVE), TableRow(INDIVIDUAL, DONG_THAP_INDIVIDUAL)),
    tiers=TASK_TIERS,
    units_under="BTGTU-DT",
    people=(
        "CB-DT-VP-01",
        "CB-DT-VP-02",
        "CB-DT-LL-01",
        "CB-DT-LL-02",
        "CB-DT-TT-01",
        "CB-DT-TT-02",
        "CB-DT-KG-01",
        "CB-DT-KG-02",
        "CB-DT-CD-01",
    ),
    registrations=(
        RegistrationRow(
            "CB-DT-VP-02",
            "canbo_dt",
            "Hoàn thành 100% các chỉ tiêu chuyển đổi số được giao.",
            (
                ProductRow(
                    "Sáng kiến số hóa hồ sơ thi đua – khen thưởng của Cơ quan",
                    ProductType.INITIATIVE,
                    "Văn phòng Ban",
                    date(2023, 11, 30),
                    ProductStatus.IN_PROGRESS,
                ),
            ),
        ),
    ),
)

# --- the worked example: a rule-based 100-point table (campaigns/demo_data/rule_table_example.json) -------------

EXAMPLE_FILE = Path(__file__).resolve().parent / "demo_data" / "rule_table_example.json"
MINH_HOA_2026 = CampaignRow(
    organization="SVH-MH",
    officer="canbo_mh",
    fields={
        "kind": CampaignKind.REGULAR,
        "plan_number": "99-KH/MINHHOA",
        "plan_date": date(2026, 1, 5),
        "signer_name": "Nguyễn Văn Minh",
        "signer_title": "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "name": "Phong trào thi đua năm 2026 đối với Phòng Văn hóa – Xã hội các xã, phường (minh họa)",
        "theme": "Bảng điểm chuẩn có điểm thưởng, điểm trừ và điều kiện xếp loại",
        "objectives": "Minh họa cách chấm điểm theo bảng điểm chuẩn: điểm chuẩn, điểm thưởng, điểm trừ có mức trần, "
        "tỷ lệ theo khung, tra bảng hai chiều và điều kiện không xếp loại.",
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "participant_scope": ParticipantScope.COLLECTIVE,
    },
    phases=(PhaseRow("Năm 2026", date(2026, 1, 1), date(2026, 12, 31)),),
    tables=(),
    tiers=(),
    units=("MH-X1", "MH-X2", "MH-X3"),
    spec_file=str(EXAMPLE_FILE),
)


def example_table_spec() -> pt.TableSpec:
    """The worked example's table (the JSON file's ``table``)."""
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"), parse_float=Decimal)
    return pt.table_from_dict(data["table"])


CAMPAIGNS: tuple[CampaignRow, ...] = (BTGTW_2020, SOC_TRANG_2023, DONG_THAP_2022, MINH_HOA_2026)


class CloneRow(NamedTuple):
    organization: str
    source_plan: str
    plan_number: str
    start_date: date
    end_date: date
    name: str
    phase_name: str  # the single phase of the copy


# Next year's plan as a draft, copied from a seed campaign (the clone feature).
DRAFT_CLONES = (
    CloneRow(
        "BTGTU-ST",
        "05-KH/BTGTU",
        "03-KH/BTGTU",
        date(2024, 1, 1),
        date(2024, 12, 31),
        "Phong trào thi đua năm 2024 đối với Ban Tuyên giáo 10 phường",
        "Năm 2024",
    ),
)

# --- seed 002: the bloc covenant ------------------------------------------------------------------------


class SignerRow(NamedTuple):
    organization: str
    username: str
    signer_title: str


COVENANT_BLOC = ("KTD-CQD-TW", 2020)
COVENANT_TITLE = "Giao ước thi đua năm 2020 của Khối thi đua các cơ quan Đảng Trung ương"
COVENANT_BODY = (
    "Với tinh thần “Đoàn kết, sáng tạo, thi đua xây dựng bảo vệ Tổ quốc, thực hiện thắng lợi Nghị quyết Đại hội XII "
    "của Đảng”, 14 cơ quan trong Khối thi đua các cơ quan Đảng Trung ương giao ước:\n"
    "1. Tổ chức học tập, quán triệt tư tưởng của Chủ tịch Hồ Chí Minh về thi đua ái quốc; thực hiện tốt Chỉ thị số "
    "34-CT/TW ngày 7-4-2014 của Bộ Chính trị và Chỉ thị số 22-CT/TW ngày 23-1-2018 của Ban Bí thư.\n"
    "2. Tổ chức các phong trào thi đua gắn với việc thực hiện Chỉ thị 05-CT/TW về đẩy mạnh “Học tập và làm theo tư "
    "tưởng, đạo đức, phong cách Hồ Chí Minh”, phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị năm 2020.\n"
    "3. Đẩy mạnh đồng bộ 4 khâu: phát hiện, bồi dưỡng, tổng kết và nhân điển hình tiên tiến.\n"
    "4. Hưởng ứng tích cực 3 phong trào thi đua: “Cả nước chung sức xây dựng nông thôn mới”, “Cả nước chung tay vì "
    "người nghèo - Không để ai bị bỏ lại phía sau” và “Doanh nghiệp Việt Nam hội nhập và phát triển”."
)
# The covenant is shown through the 2020 campaign of the bloc's deputy leader, whose officer (canbo_tw)
# follows who has signed. Representatives of three other members get a scorer login to sign for their unit.
COVENANT_CAMPAIGN = ("BTGTW", "383-KH/BTGTW")
COVENANT_PUBLISHER = "canbo_tw"
REPRESENTATIVES = (
    ("daidien_btctw", "BTCTW", "Đại diện Ban Tổ chức Trung ương"),
    ("daidien_dukccqtw", "DUK-CCQTW", "Đại diện Đảng ủy Khối các cơ quan Trung ương"),
    ("daidien_hvctqg", "HVCTQG", "Đại diện Học viện Chính trị Quốc gia Hồ Chí Minh"),
)
SIGNERS = (
    SignerRow("BTGTW", "canbo_tw", "Chuyên viên thi đua – khen thưởng, Vụ Tổ chức – Cán bộ"),
    SignerRow("BTCTW", "daidien_btctw", "Chánh Văn phòng Ban Tổ chức Trung ương"),
    SignerRow("DUK-CCQTW", "daidien_dukccqtw", "Chánh Văn phòng Đảng ủy Khối các cơ quan Trung ương"),
    SignerRow("HVCTQG", "daidien_hvctqg", "Chánh Văn phòng Học viện Chính trị Quốc gia Hồ Chí Minh"),
)


# --- loaders ----------------------------------------------------------------------------------------------


def _users(usernames) -> dict:
    return {u.username: u for u in get_user_model().objects.filter(username__in=set(usernames))}


def _organization(code: str) -> Organization:
    return Organization.objects.get(code=code)


def _sync_campaign(row: CampaignRow, officer) -> tuple[Campaign, str]:
    organization = _organization(row.organization)
    plan_number = row.fields["plan_number"]
    campaign = Campaign.objects.filter(launching_organization=organization, plan_number=plan_number).first()
    if campaign is not None:
        return campaign, UNCHANGED
    return services.campaign_create(launching_organization=organization, created_by=officer, **row.fields), CREATED


def _sync_phases(campaign: Campaign, row: CampaignRow, officer) -> Counter:
    """Add the phases a draft still lacks (matched on their order); a launched campaign is left as it is."""
    existing = set(campaign.phases.values_list("position", flat=True))
    tally = Counter()
    for position, phase in enumerate(row.phases, start=1):
        if position in existing or not campaign.is_draft:
            tally[UNCHANGED] += 1
            continue
        services.phase_save(campaign=campaign, actor=officer, **phase._asdict())
        tally[CREATED] += 1
    return tally


def _criterion_fields(criterion: CriterionRow) -> dict:
    fields = criterion._asdict()
    fields["max_points"] = Decimal(criterion.max_points)
    if criterion.method == BOOLEAN:
        fields["method"] = CriterionMethod.YES_NO_PARTS
        fields["params"] = {"parts": [{"code": LEGACY_PART, "points": str(criterion.max_points)}]}
    if criterion.target_value is not None:
        fields["target_value"] = Decimal(criterion.target_value)
    return fields


def _create_table(campaign: Campaign, table_row: TableRow) -> int:
    bonus_cap = None if table_row.bonus_cap is None else Decimal(table_row.bonus_cap)
    table = ts.table_create(
        campaign=campaign,
        participant_kind=table_row.participant_kind,
        declared_total=Decimal(table_row.declared_total),
        bonus_cap=bonus_cap,
    )
    created = 0
    for group_row in table_row.groups:
        group = ts.group_save(table=table, code=group_row.code, title=group_row.title)
        for criterion in group_row.criteria:
            ts.criterion_save(table=table, group=group, **_criterion_fields(criterion))
            created += 1
    return created


def _sync_tables(campaign: Campaign, row: CampaignRow) -> dict[str, Counter]:
    """Create the scoring tables and tiers a draft lacks; never touch those of a launched campaign."""
    present = set(campaign.scoring_tables.values_list("participant_kind", flat=True))
    criteria, tiers = Counter(), Counter()
    if row.spec_file:
        spec = example_table_spec()
        count = sum(1 for _criterion in pt.iter_criteria(spec))
        if COLLECTIVE in present or not campaign.is_draft:
            return {"criteria": Counter({UNCHANGED: count}), "tiers": Counter({UNCHANGED: len(spec.tiers)})}
        ts.table_replace(campaign=campaign, participant_kind=COLLECTIVE, spec=spec)
        return {"criteria": Counter({CREATED: count}), "tiers": Counter({CREATED: len(spec.tiers)})}
    for table_row in row.tables:
        if table_row.participant_kind in present or not campaign.is_draft:
            criteria[UNCHANGED] += sum(len(group.criteria) for group in table_row.groups)
            continue
        criteria[CREATED] += _create_table(campaign, table_row)
    if Tier.objects.filter(table__campaign=campaign).exists() or not campaign.is_draft:
        tiers[UNCHANGED] += len(row.tiers)
    else:
        ts.tiers_replace(campaign=campaign, tiers=[(name, Decimal(bound)) for name, bound in row.tiers])
        tiers[CREATED] += len(row.tiers)
    return {"criteria": criteria, "tiers": tiers}


def _sync_participants(campaign: Campaign, row: CampaignRow) -> Counter:
    """Enrol the units below ``units_under`` and the listed people; those already enrolled are skipped."""
    before = campaign.participants.count()
    if row.units_under:
        ps.participants_add_under(campaign=campaign, root=_organization(row.units_under), include_root=False)
    if row.people:
        ps.participants_add_people(campaign=campaign, people=Person.objects.filter(code__in=row.people))
    if row.units:
        units = Organization.objects.filter(code__in=row.units)
        ps.participants_add_organizations(campaign=campaign, organizations=units)
    added = campaign.participants.count() - before
    return Counter({CREATED: added, UNCHANGED: before})


def _participant(campaign: Campaign, code: str) -> Participant:
    by_org = campaign.participants.filter(organization__code=code).first()
    return by_org or campaign.participants.get(person__code=code)


def _sync_registrations(campaign: Campaign, row: CampaignRow) -> Counter:
    """Register the listed participants with their products, once the campaign is launched."""
    users = _users(r.username for r in row.registrations)
    tally = Counter()
    for registration in row.registrations:
        participant = _participant(campaign, registration.participant)
        if hasattr(participant, "registration") or campaign.status != CampaignStatus.LAUNCHED:
            tally[UNCHANGED] += 1
            continue
        ps.registration_submit(
            participant=participant,
            user=users[registration.username],
            commitment=registration.commitment,
            products=[product._asdict() for product in registration.products],
        )
        tally[CREATED] += 1
    return tally


def _launch(campaign: Campaign, row: CampaignRow, officer) -> Campaign:
    if row.launch and campaign.is_draft and not ts.campaign_table_problems(campaign):
        return services.campaign_transition(campaign=campaign, action="launch", actor=officer)
    return campaign


def _load_campaign(row: CampaignRow) -> dict[str, Counter]:
    officer = _users([row.officer])[row.officer]
    campaign, outcome = _sync_campaign(row, officer)
    counts = {"phases": _sync_phases(campaign, row, officer), **_sync_tables(campaign, row)}
    was_draft = campaign.is_draft
    campaign = _launch(campaign, row, officer)
    if outcome == UNCHANGED and was_draft and not campaign.is_draft:
        outcome = UPDATED  # an existing draft that could only now be launched
    counts["participants"] = _sync_participants(campaign, row)
    counts["registrations"] = _sync_registrations(campaign, row)
    return {"campaigns": Counter({outcome: 1}), **counts}


def load_campaigns() -> dict[str, Counter]:
    """Create (and launch) the seed campaigns with their phases, tables, tiers, participants and registrations."""
    summary: dict[str, Counter] = {}
    for row in CAMPAIGNS:
        for section, tally in _load_campaign(row).items():
            summary[section] = summary.get(section, Counter()) + tally
    return summary


def _clone_draft(source: Campaign, row: CloneRow) -> None:
    officer = source.created_by
    draft = ps.campaign_clone(
        campaign=source, actor=officer, plan_number=row.plan_number, start_date=row.start_date, name=row.name
    )
    # A whole-year shift lands a day short in a leap year: end the draft and its phase on the right day.
    draft = services.campaign_update(campaign=draft, actor=officer, end_date=row.end_date)
    phase = draft.phases.get()
    services.phase_save(campaign=draft, phase=phase, actor=officer, name=row.phase_name, end_date=row.end_date)


def load_drafts() -> dict[str, Counter]:
    """Next year's plan, cloned from a seed campaign and left as a draft to edit."""
    tally = Counter()
    for row in DRAFT_CLONES:
        organization = _organization(row.organization)
        if Campaign.objects.filter(launching_organization=organization, plan_number=row.plan_number).exists():
            tally[UNCHANGED] += 1
            continue
        _clone_draft(Campaign.objects.get(launching_organization=organization, plan_number=row.source_plan), row)
        tally[CREATED] += 1
    return {"campaigns": tally}


def _sync_representative(username: str, code: str, label: str) -> str:
    """A scorer login for a bloc member unit, so it can sign for that unit; the password is set only once."""
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": label, "email": f"{username}@{DEMO_EMAIL_DOMAIN}"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    organization = _organization(code)
    has_role = user.memberships.filter(organization=organization, role=Role.SCORER).exists()
    org_services.membership_grant(user=user, organization=organization, role=Role.SCORER)
    return CREATED if created else UNCHANGED if has_role else UPDATED


def _sync_covenant(bloc: EmulationBloc) -> tuple[Covenant, str]:
    covenant = Covenant.objects.filter(bloc=bloc, title=COVENANT_TITLE).first()
    if covenant is not None:
        return covenant, UNCHANGED
    org_code, plan_number = COVENANT_CAMPAIGN
    campaign = Campaign.objects.get(launching_organization__code=org_code, plan_number=plan_number)
    publisher = _users([COVENANT_PUBLISHER])[COVENANT_PUBLISHER]
    covenant = ps.covenant_publish(
        bloc=bloc, campaign=campaign, title=COVENANT_TITLE, body=COVENANT_BODY, actor=publisher
    )
    return covenant, CREATED


def load_covenants() -> dict[str, Counter]:
    """Publish the bloc's 2020 covenant and record the signatures of some members (the rest are missing)."""
    representatives = Counter(_sync_representative(*row) for row in REPRESENTATIVES)
    code, year = COVENANT_BLOC
    covenant, outcome = _sync_covenant(EmulationBloc.objects.get(code=code, year=year))
    signed = set(covenant.signatures.values_list("organization__code", flat=True))
    users = _users(row.username for row in SIGNERS)
    signatures = Counter()
    for row in SIGNERS:
        if row.organization in signed:
            signatures[UNCHANGED] += 1
            continue
        ps.covenant_sign(
            covenant=covenant,
            organization=_organization(row.organization),
            user=users[row.username],
            signer_title=row.signer_title,
        )
        signatures[CREATED] += 1
    return {"signer_logins": representatives, "covenants": Counter({outcome: 1}), "signatures": signatures}


LOADERS: tuple[Callable[[], dict[str, Counter]], ...] = (load_campaigns, load_drafts, load_covenants)


@transaction.atomic
def load_all() -> dict[str, Counter]:
    """Run the campaign loaders in order, all or nothing; sections with the same name are added up."""
    summary: dict[str, Counter] = {}
    for loader in LOADERS:
        for section, tally in loader().items():
            summary[section] = summary.get(section, Counter()) + tally
    return summary
