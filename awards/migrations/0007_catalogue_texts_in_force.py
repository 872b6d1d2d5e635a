"""The national catalogue under the texts in force on each date, with its thresholds and minimum conditions.

Nghị định 98/2023/NĐ-CP applied from 01/01/2024 to 30/6/2025. Nghị định 152/2025/NĐ-CP (with Thông tư
15/2025/TT-BNV) applies from 01/7/2025 and replaces Nghị định 98/2023 and Nghị định 28/2024 (its Điều 59): it does
not amend them, so no row may say "sửa đổi, bổ sung bởi 152/2025". Each national row seeded from 01/01/2024 is
closed on 30/6/2025 and gets a new version from 01/7/2025 citing 152/2025; a decision is judged under the row in
force on its date.

Approval thresholds (Nghị định 98/2023, khoản 7 Điều 30): at least 90% of the council's total membership for Chiến
sĩ thi đua toàn quốc and Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh; at least 80% for Chiến sĩ thi đua cơ sở and the
emulation flags (ministry/province and Government); absent members' written votes count (a share of all members).
The other titles follow each council's own rules (more than half, as seeded). Minimum conditions: the level of task
completion the Law requires (at least "hoàn thành tốt nhiệm vụ" for Lao động tiên tiến, Tập thể lao động tiên tiến
and Giấy khen; "hoàn thành xuất sắc nhiệm vụ" for Tập thể lao động xuất sắc).

Rows an administrator already closed or versioned are left alone; issued decisions keep their own stored text.
Re-running is harmless: rows are matched on (code, valid_from).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022"
DECREE_98 = (
    "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của "
    "Luật Thi đua, khen thưởng"
)
DECREE_152 = "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
CIRCULAR_15 = "Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ"
BASIS_98 = f"{LAW}; {DECREE_98}."
BASIS_152 = f"{LAW}; {DECREE_152}; {CIRCULAR_15}."
THRESHOLD_98 = "Khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP"
THRESHOLD_152 = "Nghị định số 152/2025/NĐ-CP (thay thế Nghị định số 98/2023/NĐ-CP từ ngày 01/7/2025)"

FROM = date(2024, 1, 1)
LAST_DAY_98 = date(2025, 6, 30)
FROM_152 = date(2025, 7, 1)

NINETY = {"threshold_percent": Decimal(90), "threshold_base": "all", "threshold_inclusive": True, "secret_ballot": True}
EIGHTY = {"threshold_percent": Decimal(80), "threshold_base": "all", "threshold_inclusive": True, "secret_ballot": True}
GOOD = "good"
EXCELLENT = "excellent"

# code: (statutory threshold or None: the council's own rule, minimum level of task completion, its basis)
RULES = {
    "CSTD_TQ": (NINETY, "", ""),
    "CSTD_TINH": (NINETY, "", ""),
    "CSTD_CS": (EIGHTY, "", ""),
    "CO_TD_TINH": (EIGHTY, "", ""),
    "CO_TD_CP": (EIGHTY, "", ""),
    "LDTT": (None, GOOD, "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "TTLDTT": (None, GOOD, "Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "TTLDXS": (None, EXCELLENT, "Điều 27 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "GK_CN": (None, GOOD, "Luật Thi đua, khen thưởng số 06/2022/QH15 (Giấy khen)"),
    "GK_TT": (None, GOOD, "Luật Thi đua, khen thưởng số 06/2022/QH15 (Giấy khen)"),
    "BK_TINH_CN": (None, "", ""),
    "BK_TINH_TT": (None, "", ""),
    "BK_TTCP_CN": (None, "", ""),
    "BK_TTCP_TT": (None, "", ""),
}
COPIED = (
    "name",
    "certificate_title",
    "category",
    "recipient_kind",
    "level",
    "minimum_points",
    "excludes_disciplinary_review",
    "requires_disclosure",
    "disclosure_days",
    "secret_ballot",
    "threshold_percent",
    "threshold_base",
    "threshold_inclusive",
    "minimum_rating",
    "conditions_basis",
    "quorum_numerator",
    "quorum_denominator",
    "is_active",
)


def _apply(row, threshold, rating, rating_basis, *, threshold_basis: str) -> None:
    if threshold is not None:
        for field, value in threshold.items():
            setattr(row, field, value)
        row.threshold_basis = threshold_basis
    row.minimum_rating, row.conditions_basis = rating, rating_basis


def forwards(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardPrerequisite = apps.get_model("awards", "AwardPrerequisite")
    for code, (threshold, rating, rating_basis) in RULES.items():
        old = AwardType.objects.filter(code=code, owner__isnull=True, valid_from=FROM).first()
        if old is None:
            continue
        versioned = old.valid_to is None or old.valid_to == LAST_DAY_98
        old.legal_basis = BASIS_98
        _apply(old, threshold, rating, rating_basis, threshold_basis=THRESHOLD_98)
        if versioned:
            old.valid_to = LAST_DAY_98
        old.save()
        if not versioned:
            continue  # an administrator closed the row otherwise: their versions stand
        new, _created = AwardType.objects.update_or_create(
            code=code,
            valid_from=FROM_152,
            defaults={field: getattr(old, field) for field in COPIED}
            | {"owner": None, "valid_to": None, "legal_basis": BASIS_152, "threshold_basis": ""},
        )
        if threshold is not None:
            new.threshold_basis = THRESHOLD_152
            new.save(update_fields=["threshold_basis"])
        for prerequisite in AwardPrerequisite.objects.filter(award_type=old):
            AwardPrerequisite.objects.update_or_create(
                award_type=new,
                required_code=prerequisite.required_code,
                defaults={"times": prerequisite.times, "scope": prerequisite.scope},
            )


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_catalogue_legal_data")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
