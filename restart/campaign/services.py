"""Every write of the campaign: the page, its materials and its reach figures, each one audited."""

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.campaign.files import webvtt_error
from restart.campaign.models import Campaign, CampaignTranslation, Material, ReachFigure
from restart.core.audit import audit_record
from restart.core.errors import DomainError

TRANSLATED_TEXTS = ("title", "intro", "film_text", "transcript")


def _check_subtitles(translations: dict[str, dict]) -> None:
    errors = {}
    for language, texts in translations.items():
        if language not in dict(settings.LANGUAGES):
            raise DomainError(_("Unknown language."))
        if texts.get("subtitles") and (error := webvtt_error(texts["subtitles"])):
            errors[f"{language}-subtitles"] = error
    if errors:
        raise DomainError(errors)


@transaction.atomic
def campaign_save(*, campaign: Campaign, translations: dict[str, dict], by, request: HttpRequest | None = None,
                  video=None) -> Campaign:  # fmt: skip
    """Save the page and its languages; a new video or subtitle file replaces the old one.

    `translations` maps a language to its texts and, optionally, `subtitles` (an uploaded .vtt) or
    `subtitles_clear`; a language whose texts are all empty keeps only its subtitles.
    """
    _check_subtitles(translations)
    created = campaign.pk is None
    stale = []  # replaced files, removed once the change is committed
    if video is not None:
        stale.append(campaign.video.name)
        campaign.video = video
    campaign.save()
    existing = {t.language: t for t in campaign.translations.all()}
    for language, given in translations.items():
        texts = {key: (given.get(key) or "").strip() for key in TRANSLATED_TEXTS}
        current = existing.get(language) or CampaignTranslation(campaign=campaign, language=language)
        changed = any(getattr(current, key) != value for key, value in texts.items())
        for key, value in texts.items():
            setattr(current, key, value)
        if given.get("subtitles"):
            stale.append(current.subtitles.name)
            current.subtitles = given["subtitles"]
            changed = True
        elif given.get("subtitles_clear") and current.subtitles:
            stale.append(current.subtitles.name)
            current.subtitles = ""
            changed = True
        if not any(texts.values()) and not current.subtitles:
            if current.pk:
                stale.append(current.subtitles.name)
                current.delete()  # emptied on purpose: the language falls back again
            continue
        if changed or current.pk is None:
            current.updated_at = timezone.now()
            current.save()
    storage = campaign.video.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in stale if name])
    audit_record(actor=by, action="campaign.create" if created else "campaign.update", obj=campaign, request=request)
    return campaign


@transaction.atomic
def material_save(*, material: Material, by, request: HttpRequest | None = None) -> Material:
    """Add or change a material to download; it needs a title in at least one language."""
    material.titles = {code: title.strip() for code, title in material.titles.items() if title and title.strip()}
    if not material.titles:
        raise DomainError(_("Give the material a title in at least one language."))
    created = material.pk is None
    material.save()
    action = "campaign.material_create" if created else "campaign.material_update"
    audit_record(actor=by, action=action, obj=material, request=request,
                 details={"information_package": material.is_information_package})  # fmt: skip
    return material


@transaction.atomic
def material_delete(*, material: Material, by, request: HttpRequest | None = None) -> None:
    """Take a material off the page; its file goes with it."""
    audit_record(actor=by, action="campaign.material_delete", obj=material, request=request)
    stored = material.file
    material.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name) if stored.name else None)


@transaction.atomic
def reach_figure_record(*, figure: ReachFigure, by, request: HttpRequest | None = None) -> ReachFigure:
    """Record a figure of the campaign's reach (a media mention, views elsewhere)."""
    figure.recorded_by = by if by is not None and by.is_authenticated else None
    figure.save()
    audit_record(actor=by, action="campaign.reach_record", obj=figure, request=request,
                 details={"kind": figure.kind, "number": figure.number})  # fmt: skip
    return figure


@transaction.atomic
def reach_figure_delete(*, figure: ReachFigure, by, request: HttpRequest | None = None) -> None:
    """Remove a figure recorded by mistake."""
    audit_record(actor=by, action="campaign.reach_delete", obj=figure, request=request,
                 details={"kind": figure.kind, "number": figure.number})  # fmt: skip
    figure.delete()


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "campaign.create": _("wrote the campaign page"),
    "campaign.update": _("changed the campaign page"),
    "campaign.material_create": _("added the campaign material %(object)s"),
    "campaign.material_update": _("changed the campaign material %(object)s"),
    "campaign.material_delete": _("removed the campaign material %(object)s"),
    "campaign.reach_record": _("recorded the campaign's reach: %(object)s"),
    "campaign.reach_delete": _("removed a campaign reach figure: %(object)s"),
}
