"""The catalogue as the current regulations define it (valid from 1/1/2024, when Law 06/2022/QH15 took effect).

Rows are data: admins edit thresholds, add their own titles, or close a row (valid_to) and add a new version when
the rules change. Thresholds are the regulations' defaults, as in awards/councils/tally.py (two-thirds quorum; a
high share of all members by secret ballot for the top titles; more than half for the others) — each unit may set
its own.
Migration 0007 closes these rows on 30/6/2025 and versions them under Nghị định 152/2025 (which replaces
98/2023); it also sets the statutory thresholds and minimum conditions.
Re-running is harmless: rows are matched on (code, valid_from).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

BASIS = (
    "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022; "
    "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của "
    "Luật Thi đua, khen thưởng."
)
FROM = date(2024, 1, 1)
MAJORITY = {"threshold_percent": Decimal(50), "threshold_base": "all", "threshold_inclusive": False}
TOP = {
    "threshold_percent": Decimal(90),
    "threshold_base": "all",
    "threshold_inclusive": True,
    "secret_ballot": True,
    "requires_disclosure": True,
    "disclosure_days": 5,
}

# code, name, certificate title, category, recipient kind, level, rule, prerequisites (code, times, scope)
CATALOGUE = [
    ("LDTT", "Lao động tiên tiến", "LAO ĐỘNG TIÊN TIẾN", "emulation_title", "individual", "grassroots", MAJORITY, []),
    (
        "CSTD_CS",
        "Chiến sĩ thi đua cơ sở",
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "emulation_title",
        "individual",
        "grassroots",
        {**MAJORITY, "secret_ballot": True},
        [("LDTT", 1, "same_year")],
    ),
    (
        "CSTD_TINH",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "CHIẾN SĨ THI ĐUA",
        "emulation_title",
        "individual",
        "ministry_province",
        TOP,
        [("CSTD_CS", 3, "consecutive")],
    ),
    (
        "CSTD_TQ",
        "Chiến sĩ thi đua toàn quốc",
        "CHIẾN SĨ THI ĐUA TOÀN QUỐC",
        "emulation_title",
        "individual",
        "state",
        TOP,
        [("CSTD_TINH", 2, "consecutive")],
    ),
    (
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "TẬP THỂ LAO ĐỘNG TIÊN TIẾN",
        "emulation_title",
        "collective",
        "grassroots",
        MAJORITY,
        [],
    ),
    (
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        "TẬP THỂ LAO ĐỘNG XUẤT SẮC",
        "emulation_title",
        "collective",
        "ministry_province",
        {**MAJORITY, "secret_ballot": True},
        [("TTLDTT", 1, "same_year")],
    ),
    (
        "CO_TD_TINH",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        "CỜ THI ĐUA",
        "emulation_title",
        "collective",
        "ministry_province",
        TOP,
        [],
    ),
    ("CO_TD_CP", "Cờ thi đua của Chính phủ", "CỜ THI ĐUA", "emulation_title", "collective", "government", TOP, []),
    (
        "BK_TINH_CN",
        "Bằng khen cấp bộ, ban, ngành, tỉnh (cá nhân)",
        "BẰNG KHEN",
        "commendation",
        "individual",
        "ministry_province",
        MAJORITY,
        [],
    ),
    (
        "BK_TINH_TT",
        "Bằng khen cấp bộ, ban, ngành, tỉnh (tập thể)",
        "BẰNG KHEN",
        "commendation",
        "collective",
        "ministry_province",
        MAJORITY,
        [],
    ),
    (
        "BK_TTCP_CN",
        "Bằng khen của Thủ tướng Chính phủ (cá nhân)",
        "BẰNG KHEN",
        "commendation",
        "individual",
        "government",
        {**TOP, "threshold_percent": Decimal(50), "threshold_inclusive": False},
        [],
    ),
    (
        "BK_TTCP_TT",
        "Bằng khen của Thủ tướng Chính phủ (tập thể)",
        "BẰNG KHEN",
        "commendation",
        "collective",
        "government",
        {**TOP, "threshold_percent": Decimal(50), "threshold_inclusive": False},
        [],
    ),
    ("GK_CN", "Giấy khen (cá nhân)", "GIẤY KHEN", "commendation", "individual", "grassroots", MAJORITY, []),
    ("GK_TT", "Giấy khen (tập thể)", "GIẤY KHEN", "commendation", "collective", "grassroots", MAJORITY, []),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardPrerequisite = apps.get_model("awards", "AwardPrerequisite")
    for code, name, title, category, kind, level, rule, prerequisites in CATALOGUE:
        award, _created = AwardType.objects.update_or_create(
            code=code,
            valid_from=FROM,
            defaults={
                "name": name,
                "certificate_title": title,
                "category": category,
                "recipient_kind": kind,
                "level": level,
                "legal_basis": BASIS,
                **rule,
            },
        )
        for required_code, times, scope in prerequisites:
            AwardPrerequisite.objects.update_or_create(
                award_type=award, required_code=required_code, defaults={"times": times, "scope": scope}
            )


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_issued_decisions_immutable")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
