"""Award ledger pages: the searchable list, one record, add / edit / delete by hand, import from a file.

Records outside the user's reach are 404; records from decisions are read-only (403 on edit and delete).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awards.catalogue import selectors as catalogue
from awards.enums import RenderStatus
from awards.ledger import selectors as sel
from awards.ledger import services as svc
from awards.ledger.forms import AwardRecordForm, HistoryFilterForm, HistoryImportForm
from awards.ledger.imports import MAX_ROWS, award_record_import, import_template_build
from common.forms import add_service_errors
from common.search import search_input_attrs
from organizations.models import Person
from organizations.views.common import paginate

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHANGE = "awards.change_awardrecord"


def _get(request, pk: int):
    record = sel.award_record_get_for_user(request.user, pk=pk)
    if record is None:
        raise Http404
    return record


def _get_editable(request, pk: int):
    record = _get(request, pk)
    if not request.user.has_perm(CHANGE, record):
        raise PermissionDenied
    return record


@login_required
@require_GET
def history_list(request):
    """The ledger within the user's reach: search by recipient, award or decision number; filters; pages."""
    form = HistoryFilterForm(request.GET or None, codes=sel.award_record_codes(request.user))
    form.fields["q"].widget.attrs.update(search_input_attrs(request.path))
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = sel.award_record_list_for_user(
        request.user,
        search=(filters.get("q") or "").strip(),
        year=filters.get("year"),
        award_code=filters.get("award_code", ""),
        source=filters.get("source", ""),
    )
    context = {
        "form": form,
        "can_add": request.user.has_perm("awards.add_awardrecord"),
        **paginate(request, queryset),
    }
    return render(request, "awards/history/history_list.html", context)


@login_required
@require_GET
def history_detail(request, pk: int):
    record = _get(request, pk)
    context = {
        "record": record,
        "can_edit": request.user.has_perm(CHANGE, record),
        "certificate": _certificate(request, record),
    }
    return render(request, "awards/history/history_detail.html", context)


def _certificate(request, record):
    """The rendered certificate of a record from a decision issued here, when the user may download it.

    The recipient's unit (or person) holds ``awards.download_certificate`` but cannot open the decision page:
    this page is where it finds its certificate.
    """
    if record.decision_recipient_id is None:
        return None
    certificate = sel.record_certificate(record=record)
    if certificate is None or certificate.status != RenderStatus.DONE:
        return None
    return certificate if request.user.has_perm("awards.download_certificate", certificate) else None


def _award_types():
    # Every version, inactive ones too: past awards were given under rows that may since have been closed.
    return catalogue.award_type_choices(active_only=False)


def _recipient(request, form):
    """The recipient the codes name, if the user is an officer over it; otherwise an error on the form, the same
    whether the code does not exist or belongs elsewhere (never a name, never whether it exists)."""
    data = form.cleaned_data
    recipient = sel.recipient_by_code(person_code=data["person_code"], organization_code=data["organization_code"])
    field = "person_code" if data["person_code"] else "organization_code"
    organization = recipient.organization if isinstance(recipient, Person) else recipient
    if recipient is None or not request.user.has_perm("organizations.change_organization", organization):
        form.add_error(field, _("Nothing within your organisations has this code."))
        return None
    return recipient


@login_required
@require_http_methods(["GET", "POST"])
def history_create(request):
    if not request.user.has_perm("awards.add_awardrecord"):
        raise PermissionDenied
    initial = {key: request.GET[key] for key in ("person_code", "organization_code") if key in request.GET}
    initial.setdefault("year", timezone.localdate().year - 1)
    form = AwardRecordForm(request.POST or None, initial=initial, award_types=_award_types(), with_recipient=True)
    if request.method == "POST" and form.is_valid():
        recipient = _recipient(request, form)
        if recipient is not None:
            data = dict(form.cleaned_data)
            data.pop("person_code"), data.pop("organization_code")
            key = "person" if isinstance(recipient, Person) else "organization"
            try:
                record = svc.award_record_create(**{key: recipient}, **data, created_by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The award was added to the history of %(name)s.") % {"name": recipient})
                return redirect("awards:history-detail", pk=record.pk)
    return render(request, "awards/history/history_form.html", {"form": form, "record": None})


@login_required
@require_http_methods(["GET", "POST"])
def history_update(request, pk: int):
    record = _get_editable(request, pk)
    initial = {name: getattr(record, name) for name in svc.EDITABLE_FIELDS}
    form = AwardRecordForm(request.POST or None, initial=initial, award_types=_award_types(), with_recipient=False)
    if request.method == "POST" and form.is_valid():
        try:
            svc.award_record_update(record=record, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("awards:history-detail", pk=record.pk)
    return render(request, "awards/history/history_form.html", {"form": form, "record": record})


@login_required
@require_http_methods(["GET", "POST"])
def history_delete(request, pk: int):
    record = _get_editable(request, pk)
    if request.method == "POST":
        svc.award_record_delete(record=record)
        messages.success(request, _("The record was deleted from the award history."))
        return redirect("awards:history-list")
    return render(request, "awards/history/history_confirm_delete.html", {"record": record})


@login_required
@require_http_methods(["GET", "POST"])
def history_import(request):
    """Upload, check every row and import all or nothing; the errors are listed as "Line N: …"."""
    if not request.user.has_perm("awards.import_awardrecord"):
        raise PermissionDenied
    form = HistoryImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = award_record_import(content=upload.read(), file_name=upload.name, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not result.errors:
                messages.success(
                    request,
                    _("Import finished: %(created)s added, %(updated)s updated, %(unchanged)s unchanged.")
                    % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                )
                return redirect("awards:history-list")
            errors = result.errors
    context = {"form": form, "errors": errors, "max_rows": MAX_ROWS}
    status = 400 if request.method == "POST" else 200  # the file or one of its rows was refused
    return render(request, "awards/history/history_import.html", context, status=status)


@login_required
@require_GET
def history_import_template(request):
    response = HttpResponse(import_template_build(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="award-history-template.xlsx"'
    return response


def profile_section(request, obj):
    """The award history block on a person's or an organisation's page (registered in ``AwardsConfig.ready``)."""
    is_person = isinstance(obj, Person)
    kwargs = {"person": obj} if is_person else {"organization": obj}
    organization = obj.organization if is_person else obj
    context = {
        "records": list(sel.award_records_of(**kwargs)),
        "review": sel.disciplinary_review_active(**kwargs, on=timezone.localdate()),
        "can_add": request.user.has_perm("organizations.change_organization", organization),
        "code_param": "person_code" if is_person else "organization_code",
        "code": obj.code,
    }
    return "awards/history/_profile_section.html", context


def results_section(request, participant):
    """The awards and certificates block on a participant's results page (registered in ``AwardsConfig.ready``)."""
    records = sel.award_records_for_participant(participant)
    rows = []
    for record in records:
        certificate = getattr(record.decision_recipient, "certificate", None) if record.decision_recipient else None
        ready = certificate is not None and certificate.status == RenderStatus.DONE
        rows.append((record, certificate if ready else None))
    return "awards/history/_results_section.html", {"rows": rows, "participant": participant}
