"""Exemplary model pages: the list and record of the models of the organisations a user sees; recording, stages
and adoptions by the officers of the model's organisation (or above it). Unseen: 404; seen but not an officer:
403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.exemplary import services
from awards.exemplary.forms import AdoptionForm, ExemplaryForm, StepForm
from awards.models import ExemplaryModel
from campaigns.selectors import campaign_list_for_user
from common.forms import add_service_errors
from organizations.enums import Role
from organizations.models import Organization, Person
from organizations.reach import reach_for
from organizations.rules import is_officer_of
from organizations.views.common import paginate


def _visible(user):
    return ExemplaryModel.objects.filter(reach_for(user).visible_q(prefix="organization__")).select_related(
        "organization", "person", "campaign"
    )


def _model_for(request, pk: int, *, manage: bool = False) -> ExemplaryModel:
    model = _visible(request.user).filter(pk=pk).first()
    if model is None:
        raise Http404
    if manage and not is_officer_of(request.user, model.organization):
        raise PermissionDenied
    return model


def _officer_organizations(user):
    reach = reach_for(user)
    return Organization.objects.filter(reach.below_q(Role.OFFICER, Role.ADMIN), is_active=True)


@login_required
@require_GET
def exemplary_list(request):
    context = paginate(request, _visible(request.user))
    context["can_create"] = _officer_organizations(request.user).exists()
    return render(request, "awards/exemplary/exemplary_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def exemplary_create(request):
    organizations = _officer_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    form = ExemplaryForm(
        request.POST if request.method == "POST" else None,
        organizations=organizations,
        people=Person.objects.filter(organization__in=organizations, is_active=True),
        campaigns=campaign_list_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = services.exemplary_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The model is recorded; another officer confirms that it was found."))
            return redirect("awards:exemplary-detail", pk=model.pk)
    return render(request, "awards/exemplary/exemplary_form.html", {"form": form}, status=400 if form.errors else 200)


def _detail(request, model, *, step_form=None, adoption_form=None, status=200):
    can_manage = is_officer_of(request.user, model.organization)
    context = {
        "model": model,
        "steps": model.steps.select_related("proposed_by", "confirmed_by"),
        "adoptions": model.adoptions.select_related("organization"),
        "can_manage": can_manage,
        "next_stage": services.next_stage(model),
        "waiting": model.steps.filter(confirmed_at__isnull=True).first(),
        "step_form": step_form or StepForm(),
        "adoption_form": adoption_form or AdoptionForm(organizations=_officer_organizations(request.user)),
    }
    return render(request, "awards/exemplary/exemplary_detail.html", context, status=status)


@login_required
@require_GET
def exemplary_detail(request, pk: int):
    return _detail(request, _model_for(request, pk))


@login_required
@require_POST
def exemplary_propose(request, pk: int):
    model = _model_for(request, pk, manage=True)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.exemplary_propose(model=model, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage is proposed; another officer confirms it."))
            return redirect("awards:exemplary-detail", pk=model.pk)
    return _detail(request, model, step_form=form, status=400)


@login_required
@require_POST
def exemplary_confirm(request, pk: int):
    model = _model_for(request, pk, manage=True)
    try:
        step = services.exemplary_confirm(model=model, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Confirmed: %(stage)s.") % {"stage": step.get_stage_display()})
    return redirect("awards:exemplary-detail", pk=model.pk)


@login_required
@require_POST
def exemplary_adopt(request, pk: int):
    model = _model_for(request, pk, manage=True)
    form = AdoptionForm(request.POST, organizations=_officer_organizations(request.user))
    if form.is_valid():
        try:
            services.exemplary_adopt(model=model, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adopting unit is recorded."))
            return redirect("awards:exemplary-detail", pk=model.pk)
    return _detail(request, model, adoption_form=form, status=400)
