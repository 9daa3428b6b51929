"""The coordinators' side: the page editor, materials to download and the campaign's reach."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.campaign import selectors, services
from restart.campaign.forms import CampaignForm, CampaignTranslationForm, MaterialForm, ReachFigureForm
from restart.campaign.models import Material, ReachFigure
from restart.campaign.screenings import screenings_reach
from restart.core.access import area_required
from restart.core.errors import DomainError


@area_required("campaign")
def overview(request):
    """The coordinator's campaign page: what is there in which language, materials, and the reach."""
    campaign = selectors.campaign_get()
    by_language = {t.language: t for t in campaign.translations.all()} if campaign.pk else {}
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    return render(request, "campaign/staff/overview.html", {
        "campaign": campaign,
        "languages": [(code, name, by_language.get(code)) for code, name in settings.LANGUAGES],
        "materials": Material.objects.all(),
        "packages_this_year": selectors.information_packages_count(start=year_start, end=today),
        "year": today.year,
        "figures": ReachFigure.objects.select_related("recorded_by"),
        "totals": selectors.reach_totals(),
        # Screenings held and their audience from check-ins: filled by the events app (screenings.py).
        "screenings_reach": screenings_reach(),
        "reach_form": ReachFigureForm(initial={"on": today}),
    })  # fmt: skip


def _show_refusal(refusal: DomainError, form, column_forms: dict) -> None:
    """Next to the language's subtitles field when the refusal names one, else at the top of the form."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for key, errors in refusal.message_dict.items():
        target = column_forms.get(key)
        for error in errors:
            if target:
                target.add_error("subtitles", error)
            else:
                form.add_error(None, error)


@area_required("campaign")
def page_edit(request):
    campaign = selectors.campaign_get()
    existing = {t.language: t for t in campaign.translations.all()} if campaign.pk else {}
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = CampaignForm(data, files, instance=campaign)
    columns = [
        (code, name, CampaignTranslationForm(data, files, prefix=code, instance=existing.get(code)))
        for code, name in settings.LANGUAGES
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _c, _n, f in columns):
        texts = {code: f.texts() for code, _name, f in columns}
        if not any(t["title"] for t in texts.values()):
            form.add_error(None, _("Write the page in at least one language."))
        else:
            try:
                services.campaign_save(campaign=form.save(commit=False), translations=texts, by=request.user,
                                       request=request, video=request.FILES.get("video"))  # fmt: skip
            except DomainError as refusal:
                _show_refusal(refusal, form, {f"{code}-subtitles": f for code, _n, f in columns})
            else:
                messages.success(request, _("The campaign page is saved."))
                return redirect("campaign_staff:overview")
    return render(request, "campaign/staff/page_edit.html", {"form": form, "columns": columns})


@area_required("campaign")
def material_edit(request, pk: int | None = None):
    material = selectors.material_get_for_user(user=request.user, pk=pk) if pk else Material()
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = MaterialForm(data, files, instance=material)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_save(material=form.material(), by=request.user, request=request)
        except DomainError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The material is saved."))
            return redirect("campaign_staff:overview")
    return render(request, "campaign/staff/material_edit.html", {"form": form, "material": material})


@area_required("campaign")
@require_POST
def material_delete(request, pk: int):
    services.material_delete(material=selectors.material_get_for_user(user=request.user, pk=pk), by=request.user,
                             request=request)  # fmt: skip
    messages.success(request, _("The material is removed from the page."))
    return redirect("campaign_staff:overview")


@area_required("campaign")
@require_POST
def reach_create(request):
    form = ReachFigureForm(request.POST)
    if form.is_valid():
        services.reach_figure_record(figure=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("The figure is recorded."))
        return redirect("campaign_staff:overview")
    return render(request, "campaign/staff/reach_form.html", {"form": form})


@area_required("campaign")
@require_POST
def reach_delete(request, pk: int):
    services.reach_figure_delete(figure=selectors.reach_figure_get_for_user(user=request.user, pk=pk),
                                 by=request.user, request=request)  # fmt: skip
    messages.success(request, _("The figure is removed."))
    return redirect("campaign_staff:overview")
