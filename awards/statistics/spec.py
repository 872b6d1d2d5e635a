"""The five yearly forms of emulation and commendation statistics, as dated data with their legal basis.

Thông tư 02/2023/TT-BNV (Bộ Nội vụ, chế độ báo cáo thống kê ngành Nội vụ) lays down forms 0601.N–0605.N/BNV-TĐKT,
yearly ("N"), received on 15 December of the reporting year. Each entry below says what the form counts, its
columns, and where its rows come from; a newer circular is a new entry with its own ``valid_from``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Basis:
    text: str
    valid_from: date


@dataclass(frozen=True)
class FormSpec:
    number: str  # "0601.N/BNV-TĐKT"
    title: str
    unit: str  # "Đơn vị tính: …"
    columns: tuple[str, ...]
    basis: Basis


CIRCULAR_02_2023 = Basis(
    text="Ban hành kèm theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ",
    valid_from=date(2023, 5, 8),
)
RECEIPT_DAY, RECEIPT_MONTH = 15, 12
DEFAULT_RECEIVING_UNIT = "Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)"

FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "0601.N/BNV-TĐKT",
        "SỐ PHONG TRÀO THI ĐUA",
        "Đơn vị tính: Phong trào",
        ("Tổng số", "Đã sơ kết", "Đã tổng kết"),
        CIRCULAR_02_2023,
    ),
    FormSpec(
        "0602.N/BNV-TĐKT",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        "Đơn vị tính: Tập thể, cá nhân",
        ("Tổng số", "Tập thể", "Cá nhân"),
        CIRCULAR_02_2023,
    ),
    FormSpec(
        "0603.N/BNV-TĐKT",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, TỈNH",
        "Đơn vị tính: Tập thể, cá nhân",
        ("Tổng số", "Tập thể", "Cá nhân"),
        CIRCULAR_02_2023,
    ),
    FormSpec(
        "0604.N/BNV-TĐKT",
        "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        "Đơn vị tính: Tổ chức",
        ("Số lượng",),
        CIRCULAR_02_2023,
    ),
    FormSpec(
        "0605.N/BNV-TĐKT",
        "SỐ LƯỢNG CÔNG CHỨC, VIÊN CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        "Đơn vị tính: Người",
        ("Tổng số", "Trong đó: Nữ"),
        CIRCULAR_02_2023,
    ),
)


def forms_for(year: int) -> tuple[FormSpec, ...]:
    """The forms in force for reports of ``year`` (received on 15 December of that year)."""
    receipt = date(year, RECEIPT_MONTH, RECEIPT_DAY)
    return tuple(form for form in FORMS if form.basis.valid_from <= receipt)
