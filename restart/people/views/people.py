"""Staff pages of the people registry (thin: parse, call a service or selector, render)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.core.access import area_required, user_roles
from restart.core.errors import DomainError
from restart.core.paging import paginate
from restart.core.roles import Role
from restart.people import ledger, selectors, services
from restart.people.access import may_change_person
from restart.people.actions import person_actions
from restart.people.forms import ConsentForm, EraseForm, MergeForm, PersonFilterForm, PersonForm, RestrictForm
from restart.people.models import Person
from restart.people.services import gdpr

PAGE_SIZE = 50


@area_required("people")
def person_list(request):
    form = PersonFilterForm(request.GET or None)
    people = selectors.people_search(**form.cleaned_data) if form.is_valid() else selectors.people_visible()
    people = people.only(
        "pk", "full_name", "citizenship", "second_citizenship", "residence_status", "target_group", "email", "phone"
    ).order_by("full_name", "pk")
    page, query_string = paginate(request, people, PAGE_SIZE)
    return render(request, "people/person_list.html", {"form": form, "page": page, "query_string": query_string})


def _duplicates_for(form: PersonForm, exclude_pk=None) -> list[Person]:
    if form.cleaned_data.get("confirm_new_person"):
        return []
    data = form.cleaned_data
    return selectors.person_duplicates(
        full_name=data["full_name"],
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        birth_date=data.get("birth_date"),
        exclude_pk=exclude_pk,
    )


@area_required("people")
def person_create(request):
    form = PersonForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_for(form)
        if not duplicates:
            person = services.person_create(data=form.person_data(), by=request.user, request=request)
            messages.success(request, _("%(name)s has been added.") % {"name": person})
            return redirect("people:detail", pk=person.pk)
        form.data = form.data.copy()
        form.data["confirm_new_person"] = "on"
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates, "person": None})


@area_required("people")
def person_edit(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if person.is_erased:
        raise Http404
    form = PersonForm(request.POST or None, instance=person)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_for(form, exclude_pk=person.pk)
        if not duplicates:
            services.person_update(person=person, data=form.person_data(), by=request.user, request=request)
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", pk=person.pk)
        form.data = form.data.copy()
        form.data["confirm_new_person"] = "on"
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates, "person": person})


@area_required("cases")
def person_detail(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request)
    participations = list(person.participations.all()[:200])
    labels = ledger.source_labels(participations, user=request.user)
    history = [(row, labels.get((row.source_type, row.source_id))) for row in participations]
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "assessment": person.assess(),
            "consents": person.consents.select_related("recorded_by"),
            "history": history,
            "path": ledger.path(participations),
            "consent_form": ConsentForm(),
            "is_manager": Role.MANAGER in user_roles(request.user),
            "may_change": may_change_person(request.user),
            "module_actions": person_actions(person),
        },
    )


@area_required("people")
@require_POST
def consent_add(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_give(person=person, **form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Consent recorded."))
    else:
        messages.error(request, _("The consent was not recorded: choose a purpose and the version of the text."))
    return redirect("people:detail", pk=person.pk)


@area_required("people")
def consent_withdraw(request, pk: int, consent_pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if person.is_erased:
        raise Http404
    consent = selectors.consent_get_for_user(user=request.user, person=person, pk=consent_pk)
    if request.method == "POST":
        services.consent_withdraw(consent=consent, by=request.user, request=request)
        messages.success(request, _("Consent withdrawn. It takes effect immediately."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/consent_withdraw.html", {"person": person, "consent": consent})


@area_required("people")
def person_merge(request, pk: int):
    survivor = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if survivor.is_erased:
        raise Http404
    form = MergeForm(request.POST or request.GET or None)
    other = refusal = None
    if form.is_valid():
        other = selectors.people_for_user(request.user).filter(pk=form.cleaned_data["other"]).first()
        refusal = other and gdpr.merge_refusal(survivor, other)
        if other is None or other.pk == survivor.pk:
            form.add_error("other", _("There is no other person with this number."))
            other = None
        elif refusal:
            form.add_error("other", refusal)
            other = None
        elif request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                gdpr.person_merge(survivor=survivor, duplicate=other, by=request.user, request=request)
            except DomainError as error:
                form.add_error("other", error)
            else:
                messages.success(request, _("The records have been merged."))
                return redirect("people:detail", pk=survivor.pk)
    return render(request, "people/person_merge.html", {"person": survivor, "form": form, "other": other})


@area_required("people")
def person_export(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if person.is_erased:
        raise Http404
    fmt = "zip" if request.GET.get("format") == "zip" else "page"
    sections = gdpr.person_export_record(person=person, by=request.user, request=request, fmt=fmt)
    if fmt == "zip":
        response = HttpResponse(gdpr.export_archive(person, sections), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.zip"'
        return response
    with translation.override(person.preferred_language):
        return render(request, "people/person_export.html", {"person": person, "sections": sections})


@area_required("people")
def person_restrict(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if person.is_erased:
        raise Http404
    form = RestrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gdpr.person_restrict(person=person, reason=form.cleaned_data["reason"], by=request.user, request=request)
        messages.success(request, _("Processing restricted: the person no longer appears in lists or searches."))
        return redirect("people:list")
    return render(request, "people/person_restrict.html", {"person": person, "form": form})


@area_required("audit")
@require_POST
def person_lift_restriction(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if not person.is_restricted:
        raise Http404
    gdpr.person_lift_restriction(person=person, by=request.user, request=request)
    messages.success(request, _("The restriction has been lifted."))
    return redirect("people:detail", pk=person.pk)


@area_required("audit")
def person_erase(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    if person.is_erased:
        raise Http404
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gdpr.person_erase(person=person, by=request.user, request=request)
        messages.success(request, _("The person's data has been erased; their activities still count."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_erase.html", {"person": person, "form": form})


@area_required("audit")
def restricted_list(request):
    people = Person.objects.filter(restricted_at__isnull=False).order_by("-restricted_at")
    page, query_string = paginate(request, people, PAGE_SIZE)
    return render(request, "people/restricted_list.html", {"page": page, "query_string": query_string})


@area_required("people")
def possible_duplicates(request):
    return render(request, "people/possible_duplicates.html", {"groups": selectors.contact_twins()})
