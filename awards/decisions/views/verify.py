"""The public verify page (no login): a certificate found by its QR code or by the serial printed on it.

It shows whether the certificate is authentic and still valid (or revoked, or replaced by a correction), the award,
the recipient's name, the achievement, the decision (number and date) and its signer — what the certificate itself
prints, nothing else about the person. Both ways in are rate-limited per client IP (a 429 page past the limit), so
serials cannot be walked through.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from awards.decisions import selectors as sel
from awards.decisions.forms import VerifySerialForm
from awards.decisions.services.certificates import certificate_signature, decision_style
from awards.enums import DecisionKind
from common import documents
from common.ratelimit import rate_limited, retry_after

RATE_SCOPE = "verify"


def _limited(request):
    """The 429 page when this client has looked up too many certificates this minute, else None."""
    limit = settings.VERIFY_RATE_LIMIT_PER_MINUTE
    if not rate_limited(request, scope=RATE_SCOPE, limit=limit):
        return None
    response = render(request, "awards/verify_rate_limited.html", {"limit": limit}, status=429)
    response["Retry-After"] = str(retry_after())
    return response


def _found(request, certificate, form):
    line = certificate.recipient
    decision = line.decision
    record = getattr(line, "record", None)
    revoked_by = record.revoked_by if record is not None else None
    signer_lines = documents.signature_lines(
        title=decision.signer_title,
        prefix=decision.signer_prefix,
        on_behalf_of=decision.signer_on_behalf_of,
        style=decision_style(decision),
    )
    context = {
        "certificate": certificate,
        "line": line,
        "decision": decision,
        "signer_lines": signer_lines,
        "revoked_by": revoked_by,
        "is_replaced": revoked_by is not None and revoked_by.kind == DecisionKind.CORRECTION,
        "form": form,
        "signature": certificate_signature(certificate),
    }
    return render(request, "awards/verify.html", context)


@require_GET
def certificate_verify(request, code: str):
    """The certificate of a QR code: authentic, revoked or replaced, with what it prints."""
    if (limited := _limited(request)) is not None:
        return limited
    certificate = sel.certificate_get_by_code(code=code[:64])
    if certificate is None:
        context = {"code": code[:64], "form": VerifySerialForm()}
        return render(request, "awards/verify_unknown.html", context, status=404)
    return _found(request, certificate, VerifySerialForm())


@require_GET
def certificate_verify_search(request):
    """The form for the serial printed on a certificate (Số: …), and its result."""
    form = VerifySerialForm(request.GET or None)
    if not form.is_bound:
        return render(request, "awards/verify_search.html", {"form": form})
    if (limited := _limited(request)) is not None:
        return limited
    if not form.is_valid():
        return render(request, "awards/verify_search.html", {"form": form}, status=400)
    certificate = sel.certificate_get_by_serial(serial=form.cleaned_data["serial"])
    if certificate is None:
        context = {"serial": form.cleaned_data["serial"], "form": form}
        return render(request, "awards/verify_unknown.html", context, status=404)
    return _found(request, certificate, form)
