"""Participants (officer), registration and products (unit), covenants (bloc) and cloning pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.access import campaign_for
from campaigns.enums import ParticipantScope
from campaigns.models import EmulationProduct
from campaigns.participants import selectors as sel
from campaigns.participants import services as svc
from campaigns.participants.forms import (
    AddBlocForm,
    AddOrganizationForm,
    AddSelectedForm,
    CloneForm,
    CovenantForm,
    CovenantSignForm,
    ProductForm,
    ProductFormSet,
    RegistrationForm,
    RemoveParticipantsForm,
    ScorerForm,
)
from common.forms import add_service_errors
from common.search import results_template
from organizations.views.common import paginate, search_term

MANAGE = "campaigns.change_campaign"
OVERSEE = "campaigns.transition_campaign"  # officers of the campaign, in every state


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _to_list(campaign):
    return redirect("campaigns:participant-list", pk=campaign.pk)


# --- participants (officer) ---------------------------------------------------------------------


def _add_forms(request, campaign, data=None) -> dict:
    url = lambda name: reverse(f"campaigns:{name}", args=[campaign.pk])  # noqa: E731
    return {
        "org_form": AddOrganizationForm(
            data,
            organization_choices=sel.organization_choices(request.user),
            action=url("participant-add-organization"),
        ),
        "bloc_form": AddBlocForm(data, bloc_choices=sel.bloc_choices(request.user), action=url("participant-add-bloc")),
    }


def _candidates(request, campaign, find: str) -> dict:
    if not find:
        return {"find": ""}
    scope = campaign.participant_scope
    orgs = sel.candidate_organizations(request.user, search=find) if scope != ParticipantScope.INDIVIDUAL else []
    people = sel.candidate_people(request.user, search=find) if scope != ParticipantScope.COLLECTIVE else []
    return {"find": find, "found_organizations": list(orgs), "found_people": list(people)}


@login_required
def participant_list(request, pk: int):
    """The officer's participants page; with htmx and ``find`` only the search results fragment."""
    campaign = campaign_for(request, pk, perm=OVERSEE)
    find = request.GET.get("find", "").strip()[:100]
    context = {"campaign": campaign, "can_edit": request.user.has_perm(MANAGE, campaign)}
    context |= _candidates(request, campaign, find) if context["can_edit"] else {"find": ""}
    template = "campaigns/participant_list.html"
    if request.htmx and "find" in request.GET:
        return render(request, f"{template}#search-results", context)
    query, status = search_term(request), request.GET.get("status", "")
    queryset = sel.participant_list(campaign=campaign, status=status, search=query)
    context |= paginate(request, queryset) | {"q": query, "status": status}
    context |= {"counts": sel.participant_counts(campaign=campaign)}
    if context["can_edit"]:
        context |= _add_forms(request, campaign)
    return render(request, results_template(request, template), context)


def _added(request, count: int) -> None:
    messages.success(
        request, _("%(count)s participant(s) added; those already taking part were skipped.") % {"count": count}
    )


@login_required
@require_POST
def participant_add_organization(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = _add_forms(request, campaign, request.POST)["org_form"]
    if not form.is_valid():
        messages.error(request, _("Choose an organisation."))
        return _to_list(campaign)
    org = form.cleaned_data["organization"]
    try:
        if form.cleaned_data["include_descendants"]:
            count = svc.participants_add_under(campaign=campaign, root=org, include_root=True)
        else:
            count = svc.participants_add_organizations(campaign=campaign, organizations=[org])
    except ValidationError as error:
        _error(request, error)
    else:
        _added(request, count)
    return _to_list(campaign)


@login_required
@require_POST
def participant_add_bloc(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = _add_forms(request, campaign, request.POST)["bloc_form"]
    if not form.is_valid():
        messages.error(request, _("Choose a bloc."))
        return _to_list(campaign)
    try:
        _added(request, svc.participants_add_bloc(campaign=campaign, bloc=form.cleaned_data["bloc"]))
    except ValidationError as error:
        _error(request, error)
    return _to_list(campaign)


@login_required
@require_POST
def participant_add_selected(request, pk: int):
    """Add the organisations and people ticked in the search results."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = AddSelectedForm(
        request.POST,
        organization_choices=sel.organization_choices(request.user),
        people_choices=sel.people_choices(request.user),
    )
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Choose an organisation."))
        return _to_list(campaign)
    try:
        count = svc.participants_add_selected(
            campaign=campaign, organizations=form.cleaned_data["organizations"], people=form.cleaned_data["people"]
        )
    except ValidationError as error:
        _error(request, error)
    else:
        _added(request, count)
    return _to_list(campaign)


@login_required
@require_POST
def participant_remove(request, pk: int):
    """First POST shows what will be removed; the confirmed POST removes it."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = RemoveParticipantsForm(request.POST, campaign=campaign)
    if not form.is_valid():
        messages.error(request, _("Tick the participants to remove."))
        return _to_list(campaign)
    chosen = form.cleaned_data["participants"]
    if not form.cleaned_data["confirmed"]:
        return render(request, "campaigns/participant_confirm_remove.html", {"campaign": campaign, "chosen": chosen})
    try:
        count = svc.participants_remove(campaign=campaign, ids=[p.pk for p in chosen])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("%(count)s participant(s) removed.") % {"count": count})
    return _to_list(campaign)


@login_required
@require_http_methods(["GET", "POST"])
def participant_scorer(request, pk: int, participant_pk: int):
    """Assign the account that scores for an individual participant (for people without a login of their own)."""
    campaign = campaign_for(request, pk, perm=MANAGE)
    participant = sel.participant_get(campaign=campaign, pk=participant_pk)
    if participant is None or participant.person_id is None:
        raise Http404
    initial = {"scorer": participant.scorer_id}
    form = ScorerForm(request.POST or None, initial=initial, scorer_choices=sel.scorer_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            svc.participant_scorer_assign(
                participant=participant, scorer=form.cleaned_data["scorer"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The scorer of %(person)s was saved.") % {"person": participant})
            return _to_list(campaign)
    context = {"campaign": campaign, "participant": participant, "form": form}
    status = 400 if request.method == "POST" else 200  # the form was refused
    return render(request, "campaigns/participant_scorer.html", context, status=status)


# --- registration (unit scorer or the person themself) ------------------------------------------


@login_required
def registration_list(request, pk: int):
    """The participants this user registers for in the campaign (their unit, themselves)."""
    campaign = campaign_for(request, pk)
    mine = list(sel.participant_list_for_user(request.user, campaign=campaign))
    return render(request, "campaigns/registration_list.html", {"campaign": campaign, "participants": mine})


def _participant_for(request, campaign, participant_pk: int):
    """The participant and whether the user acts for it; campaign officers read, others get 404."""
    participant = sel.participant_get(campaign=campaign, pk=participant_pk)
    if participant is None:
        raise Http404
    if svc.can_act_for(request.user, participant):
        return participant, True
    if request.user.has_perm(OVERSEE, campaign):
        return participant, False
    raise Http404


def _registration_page(request, campaign, participant, can_act, **forms):
    registration = participant.registration if participant.is_registered else None
    context = {
        "campaign": campaign,
        "participant": participant,
        "registration": registration,
        "products": sel.registration_products(registration),
        "can_act": can_act and campaign.status == "launched",
    } | forms
    return render(request, "campaigns/registration_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def registration_detail(request, pk: int, participant_pk: int):
    """Register (commitment and products) or, once registered, see and manage the products."""
    campaign = campaign_for(request, pk)
    participant, can_act = _participant_for(request, campaign, participant_pk)
    if participant.is_registered:
        if request.method == "POST":
            raise PermissionDenied
        return _registration_page(request, campaign, participant, can_act, product_form=ProductForm())
    if request.method == "POST" and not can_act:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form, formset = RegistrationForm(data), ProductFormSet(data, prefix="products")
    if data is not None and form.is_valid() and formset.is_valid():
        products = [f.cleaned_data for f in formset.forms if f.has_changed() and f.cleaned_data]
        try:
            svc.registration_submit(
                participant=participant,
                user=request.user,
                commitment=form.cleaned_data["commitment"],
                products=products,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The registration was recorded."))
            return redirect("campaigns:registration-detail", pk=campaign.pk, participant_pk=participant.pk)
    return _registration_page(request, campaign, participant, can_act, form=form, formset=formset)


def _own_registration(request, pk: int, participant_pk: int):
    campaign = campaign_for(request, pk)
    participant, can_act = _participant_for(request, campaign, participant_pk)
    if not can_act:
        raise PermissionDenied
    if not participant.is_registered:
        raise Http404
    return campaign, participant


@login_required
@require_POST
def registration_product_add(request, pk: int, participant_pk: int):
    campaign, participant = _own_registration(request, pk, participant_pk)
    form = ProductForm(request.POST)
    if form.is_valid():
        try:
            svc.registration_product_add(registration=participant.registration, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The product was added."))
            return redirect("campaigns:registration-detail", pk=campaign.pk, participant_pk=participant.pk)
    return _registration_page(request, campaign, participant, True, product_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def registration_product_update(request, pk: int, participant_pk: int, product_pk: int):
    campaign, participant = _own_registration(request, pk, participant_pk)
    product = get_object_or_404(EmulationProduct, pk=product_pk, registration__participant=participant)
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            svc.registration_product_update(product=product, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Changes were saved."))
            return redirect("campaigns:registration-detail", pk=campaign.pk, participant_pk=participant.pk)
    context = {"campaign": campaign, "participant": participant, "product": product, "form": form}
    return render(request, "campaigns/registration_product_form.html", context)


@login_required
@require_POST
def registration_product_delete(request, pk: int, participant_pk: int, product_pk: int):
    campaign, participant = _own_registration(request, pk, participant_pk)
    product = get_object_or_404(EmulationProduct, pk=product_pk, registration__participant=participant)
    try:
        svc.registration_product_remove(product=product)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The product was removed."))
    return redirect("campaigns:registration-detail", pk=campaign.pk, participant_pk=participant.pk)


# --- covenants ----------------------------------------------------------------------------------


@login_required
def covenant_list(request, pk: int):
    campaign = campaign_for(request, pk)
    context = {
        "campaign": campaign,
        "covenants": list(sel.covenant_list(campaign=campaign)),
        "can_publish": request.user.has_perm(MANAGE, campaign),
    }
    return render(request, "campaigns/covenant_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def covenant_create(request, pk: int):
    campaign = campaign_for(request, pk, perm=MANAGE)
    form = CovenantForm(request.POST or None, bloc_choices=sel.bloc_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            covenant = svc.covenant_publish(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The covenant was published; member units can now sign it."))
            return redirect("campaigns:covenant-detail", pk=campaign.pk, covenant_pk=covenant.pk)
    return render(request, "campaigns/covenant_form.html", {"campaign": campaign, "form": form})


def _sign_form(request, campaign, covenant, data=None):
    units = sel.covenant_units_to_sign(request.user, covenant)
    action = reverse("campaigns:covenant-sign", args=[campaign.pk, covenant.pk])
    return CovenantSignForm(data, organization_choices=units, action=action)


@login_required
def covenant_detail(request, pk: int, covenant_pk: int):
    """The text, who signed and when; officers also see who is missing; representatives sign here."""
    campaign = campaign_for(request, pk)
    covenant = sel.covenant_get(campaign=campaign, pk=covenant_pk)
    if covenant is None:
        raise Http404
    is_officer = request.user.has_perm(OVERSEE, campaign)
    form = _sign_form(request, campaign, covenant)
    context = {
        "campaign": campaign,
        "covenant": covenant,
        "signatures": list(sel.covenant_signatures(covenant)),
        "missing": list(sel.covenant_missing_signers(covenant)) if is_officer else [],
        "is_officer": is_officer,
        "sign_form": form if form.fields["organization"].queryset.exists() else None,
    }
    return render(request, "campaigns/covenant_detail.html", context)


@login_required
@require_POST
def covenant_sign(request, pk: int, covenant_pk: int):
    campaign = campaign_for(request, pk)
    covenant = sel.covenant_get(campaign=campaign, pk=covenant_pk)
    if covenant is None:
        raise Http404
    form = _sign_form(request, campaign, covenant, request.POST)
    if not form.is_valid():
        messages.error(request, _("You cannot sign this covenant for that unit."))
    else:
        try:
            svc.covenant_sign(covenant=covenant, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("The covenant was signed."))
    return redirect("campaigns:covenant-detail", pk=campaign.pk, covenant_pk=covenant.pk)


# --- clone --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def campaign_clone(request, pk: int):
    """Copy the campaign as a new draft, dates shifted (e.g. for next year)."""
    campaign = campaign_for(request, pk, perm=OVERSEE)
    form = CloneForm(request.POST or None, initial={"name": campaign.name, "offset_days": 365})
    if request.method == "POST" and form.is_valid():
        try:
            clone = svc.campaign_clone(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The copy was created as a draft. Check its dates and phases."))
            return redirect("campaigns:campaign-detail", pk=clone.pk)
    return render(request, "campaigns/campaign_clone.html", {"campaign": campaign, "form": form})
