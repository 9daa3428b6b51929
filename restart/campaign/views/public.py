"""The public campaign page, its film, subtitles and materials (no sign-in: the campaign is for everyone)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from restart.campaign import selectors
from restart.campaign.files import ranged_file_response
from restart.campaign.models import CampaignTranslation, Material
from restart.campaign.screenings import screenings_upcoming
from restart.core.middleware import content_security_policy
from restart.knowledge.text import render_markdown


@require_GET
def page(request):
    """The page in the reader's language; `?external=1` embeds the film from another site, on request only."""
    campaign = selectors.campaign_get()
    language = get_language()
    translation, fallback = selectors.campaign_translation(campaign, language)
    tracks = selectors.subtitle_tracks(campaign)
    names = dict(settings.LANGUAGES)
    embed = bool(request.GET.get("external") and campaign.external_embed_url)
    materials = [(material, *material.title_for(language)) for material in Material.objects.all()]
    response = render(
        request,
        "campaign/page.html",
        {
            "campaign": campaign,
            "translation": translation,
            "fallback": fallback,
            "intro_html": render_markdown(translation.intro) if translation else "",
            "film_html": render_markdown(translation.film_text) if translation else "",
            "tracks": [(track, names[track.language], track.language == language) for track in tracks],
            "external_host": urlsplit(campaign.external_page_url).hostname or "",
            "embed": embed,
            "materials": materials,
            # Filled by the events app through restart/campaign/screenings.py.
            "screenings": screenings_upcoming(language=language),
        },
    )
    if embed:  # only this response, which the visitor asked for, may frame the other site
        parts = urlsplit(campaign.external_embed_url)
        response["Content-Security-Policy"] = content_security_policy(
            request.csp_nonce, frame_sources=(f"{parts.scheme}://{parts.netloc}",)
        )
    return response


@require_GET
def film(request):
    campaign = selectors.campaign_get()
    if not campaign.video:
        raise Http404
    return ranged_file_response(request, campaign.video)


@require_GET
def subtitles(request, language: str):
    track = CampaignTranslation.objects.filter(language=language).exclude(subtitles="").first()
    if track is None:
        raise Http404
    return ranged_file_response(request, track.subtitles)


@require_GET
def material(request, pk: int):
    """A material as a download (never shown inline, so an uploaded file cannot act as a page of ours)."""
    return ranged_file_response(request, get_object_or_404(Material, pk=pk).file, as_attachment=True)
