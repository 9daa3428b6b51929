"""Reads of the campaign: the page in a reader's language, materials, reach, and the staff access helpers."""

import datetime

from django.conf import settings
from django.http import Http404

from restart.campaign.models import Campaign, CampaignTranslation, Material, ReachFigure
from restart.core.access import user_can_enter


def campaign_get() -> Campaign:
    """The campaign page, or an empty unsaved one before the coordinator first writes it."""
    return Campaign.objects.prefetch_related("translations").first() or Campaign()


def campaign_translation(campaign: Campaign, language: str) -> tuple[CampaignTranslation | None, bool]:
    """The reader's language if the page has it; else Polish, English, any. And whether it fell back."""
    if campaign.pk is None:
        return None, False
    by_language = {t.language: t for t in campaign.translations.all() if t.title}
    for code in (language, settings.LANGUAGE_CODE, "en", *sorted(by_language)):
        if code in by_language:
            return by_language[code], code != language
    return None, False


def subtitle_tracks(campaign: Campaign) -> list[CampaignTranslation]:
    """The languages the film has subtitles in, in the order of the site's languages."""
    if campaign.pk is None:
        return []
    by_language = {t.language: t for t in campaign.translations.all() if t.subtitles}
    return [by_language[code] for code, _name in settings.LANGUAGES if code in by_language]


def information_packages_count(*, start: datetime.date, end: datetime.date) -> int:
    """Indicator O.2.4: materials marked as information packages, published within the period (inclusive)."""
    return Material.objects.filter(is_information_package=True, published_on__range=(start, end)).count()


def reach_totals() -> list[tuple[str, int]]:
    """Each kind of recorded figure with its sum, in the order of the kinds."""
    totals = dict.fromkeys(ReachFigure.Kind.values, 0)
    for kind, number in ReachFigure.objects.values_list("kind", "number"):
        totals[kind] += number
    return [(ReachFigure.Kind(kind).label, total) for kind, total in totals.items()]


def material_get_for_user(*, user, pk: int) -> Material:
    """A material, for the staff who run the campaign."""
    material = Material.objects.filter(pk=pk).first() if user_can_enter(user, "campaign") else None
    if material is None:
        raise Http404
    return material


def reach_figure_get_for_user(*, user, pk: int) -> ReachFigure:
    """A recorded reach figure, for the staff who run the campaign."""
    figure = ReachFigure.objects.filter(pk=pk).first() if user_can_enter(user, "campaign") else None
    if figure is None:
        raise Http404
    return figure
