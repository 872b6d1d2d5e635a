"""The wording a decision is prefilled with, from the data: its legal basis, Articles 1–3 and "Xét đề nghị của …".

The decision is an official Vietnamese document, so these texts are Vietnamese literals (like the PDF layer's
fixed phrases), not msgids. Everything here is prefilled into a draft, and the officer may edit it before issue;
only Article 1's opening sentence is written at render time (it cites the decision a follow-up changes).

- Legal basis: the Law, then the texts each award's catalogue row cites, taken from the row in force on the
  decision's date (rows are versioned by date: Nghị định 98/2023 until 30/6/2025, Nghị định 152/2025 after), then
  the campaign's plan, then the minutes of the council session the nominations were approved in.
- A correction or revocation cites the decision it changes (number, date, issuer) instead of the plan, and a
  revocation's Article 2 recovers the certificate and the prize money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from awards.enums import DecisionKind, SessionStatus
from awards.models import AwardDecision, AwardType, CouncilSession
from campaigns.models import Campaign
from common.documents import short_date
from organizations.models import Organization

LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
LAW_NUMBER = "06/2022/QH15"
ARTICLE_2 = (
    "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định của pháp luật về thi đua, "
    "khen thưởng."
)
EXECUTION = (
    "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng {organization}, Thủ trưởng các cơ quan, đơn vị liên "
    "quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
)
COPIES = "Như Điều 3;\nLưu: VT."
_COPIES_ARTICLE = re.compile(r"Như\s+Điều\s+(\d+)", re.IGNORECASE)


def basis_lines(text: str) -> list[str]:
    """ "Căn cứ …;" lines from a catalogue legal-basis text (pieces separated by semicolons or new lines)."""
    lines = []
    for piece in re.split(r"[;\n]", text):
        piece = piece.strip().rstrip(".;").strip()
        if piece:
            lines.append(piece if piece.lower().startswith("căn cứ") else f"Căn cứ {piece};")
    return [line if line.endswith(";") else f"{line};" for line in lines]


def award_types_in_force(award_types: Iterable[AwardType], day: date) -> list[AwardType]:
    """For each award's code (once, in order), the catalogue row in force on ``day`` (the row itself when no row
    of that code is in force then)."""
    seen: dict[str, AwardType] = {}
    for award in award_types:
        if award.code in seen:
            continue
        current = (
            AwardType.objects.filter(code=award.code, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )
        seen[award.code] = current or award
    return list(seen.values())


def catalogue_basis(award_types: Iterable[AwardType], day: date | None) -> list[str]:
    """The "Căn cứ …" lines of the awards' texts in force on ``day`` (the Law first, each text once)."""
    awards = award_types_in_force(award_types, day) if day is not None else list(award_types)
    awards.sort(key=lambda award: award.owner_id is not None)  # the national texts before an organisation's rules
    lines = [LAW_BASIS]
    for award in awards:
        for line in basis_lines(award.legal_basis):
            if line not in lines and LAW_NUMBER not in line:
                lines.append(line)
    return lines


def council_sessions(nomination_ids: Iterable[int]) -> list[CouncilSession]:
    """The closed council sessions that voted on these nominations, oldest first."""
    ids = [pk for pk in nomination_ids if pk]
    if not ids:
        return []
    return list(
        CouncilSession.objects.filter(status=SessionStatus.CLOSED, agenda__nomination_id__in=ids)
        .select_related("council")
        .distinct()
        .order_by("closed_at", "pk")
    )


def council_basis(sessions: Iterable[CouncilSession]) -> list[str]:
    """ "Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng … ngày 16/01/2024;" for each session."""
    return [f"Căn cứ Biên bản họp {s.council.name} ngày {short_date(s.meeting_date)};" for s in sessions]


def plan_basis(campaign: Campaign) -> str:
    org = campaign.launching_organization
    return (
        f"Căn cứ Kế hoạch số {campaign.plan_number} ngày {campaign.plan_date:%d/%m/%Y} của {org.name} "
        f"về {campaign.name};"
    )


def legal_basis_text(
    *, award_types, campaign: Campaign | None, day: date | None = None, sessions: Iterable[CouncilSession] = ()
) -> str:
    """The prefilled legal basis: the Law, the awards' texts in force on ``day``, the plan, the council's minutes."""
    lines = catalogue_basis(award_types, day)
    if campaign is not None:
        lines.append(plan_basis(campaign))
    lines.extend(council_basis(sessions))
    return "\n".join(lines)


def proposal_text(organization: Organization, sessions: Iterable[CouncilSession]) -> str:
    """ "Xét đề nghị của Hội đồng Thi đua – Khen thưởng …," (the council that approved), else of the office."""
    councils = list(dict.fromkeys(session.council.name for session in sessions))
    if councils:
        return f"Xét đề nghị của {' và '.join(councils)},"
    return f"Xét đề nghị của Văn phòng {organization.name},"


def execution_text(organization: Organization) -> str:
    """Article 3: in force from signing, and who carries it out."""
    return EXECUTION.format(organization=organization.name)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def decision_reference(decision: AwardDecision) -> str:
    """ "Quyết định số 01-QĐ/BTGTU ngày 19/01/2024 của Ban Tuyên giáo Thành ủy Sóc Trăng"."""
    return (
        f"Quyết định số {decision.number_text} ngày {short_date(decision.decision_date)} "
        f"của {decision.issuing_organization.name}"
    )


def followup_basis(decision: AwardDecision, *, day: date) -> str:
    """A correction's or revocation's legal basis: the Law, the awards' texts in force, the decision it changes."""
    awards = [line.award_type for line in decision.recipients.select_related("award_type")]
    lines = catalogue_basis(awards, day)
    lines.append(f"Căn cứ {decision_reference(decision)} {_lower_first(decision.title)};")
    return "\n".join(lines)


def recovery_text(decision: AwardDecision) -> str:
    """A revocation's Article 2: the recipients return the certificate and the prize money they received."""
    titles = sorted({line.award_type.certificate_title.capitalize() for line in decision.recipients.all()})
    objects = f"hiện vật khen thưởng ({', '.join(titles)})" if titles else "hiện vật khen thưởng"
    return (
        f"Các tập thể, cá nhân có tên tại Điều 1 có trách nhiệm nộp lại {objects} và hoàn trả số tiền thưởng đã "
        f"nhận theo {decision_reference(decision)}."
    )


def unchanged_text(decision: AwardDecision) -> str:
    """A correction's Article 2: the rest of the corrected decision stands."""
    return f"Các nội dung khác của {decision_reference(decision)} giữ nguyên hiệu lực."


def article_one(decision: AwardDecision) -> str:
    """Article 1's opening sentence; the list of recipients follows it. A follow-up cites the decision it changes."""
    if decision.kind == DecisionKind.REVOCATION:
        return (
            f"Thu hồi khen thưởng tại {decision_reference(decision.refers_to)} đối với các tập thể, cá nhân có tên "
            f"sau đây. Lý do: {decision.reason}"
        )
    if decision.kind == DecisionKind.CORRECTION:
        return (
            f"Đính chính {decision_reference(decision.refers_to)} đối với các tập thể, cá nhân có tên sau đây "
            f"(nội dung đúng như danh sách). Lý do: {decision.reason}"
        )
    campaign = decision.campaign
    within = f" trong {campaign.name}" if campaign is not None else ""
    return f"Khen thưởng các tập thể, cá nhân có tên sau đây đã có thành tích xuất sắc{within}:"


def copies_articles(text: str) -> list[int]:
    """The article numbers "Nơi nhận" refers to ("Như Điều 3;" → [3])."""
    return [int(number) for number in _COPIES_ARTICLE.findall(text or "")]
