from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VIDEO_EXTENSIONS = ["webm", "mp4"]
MATERIAL_EXTENSIONS = ["pdf", "odt", "ods", "odp", "doc", "docx", "ppt", "pptx", "txt", "epub", "jpg", "jpeg", "png",
                       "zip"]  # fmt: skip


class Campaign(models.Model):
    """The campaign page's shared parts: the film file, who made it, where else it can be seen (one row)."""

    film_authors = models.CharField(_("authors of the film"), max_length=200, blank=True)
    video = models.FileField(
        _("film (video file)"), upload_to="campaign/film/", blank=True,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
        help_text=_("WebM or MP4. Served from our own server, so visitors load nothing from other sites."),
    )  # fmt: skip
    external_page_url = models.URLField(
        _("the film on another site"), blank=True,
        help_text=_("Optional. Visitors get a link to it and load it only if they choose to."),
    )  # fmt: skip
    external_embed_url = models.URLField(
        _("player address on that site"), blank=True,
        help_text=_("Optional: the address of the site's embeddable player (https://…), shown on the page after "
                    "the visitor asks for it."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")

    def __str__(self) -> str:
        return "Jestem wrocławianinem tak jak Ty"


class CampaignTranslation(models.Model):
    """One language version of the campaign page: its texts, the film's transcript and subtitles."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign page"), on_delete=models.CASCADE,
                                 related_name="translations")  # fmt: skip
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=200, blank=True)
    intro = models.TextField(_("what the campaign is"), blank=True,
                             help_text=_("Markdown: **bold**, lists with -, links [text](https://…)."))  # fmt: skip
    film_text = models.TextField(_("about the film and its authors"), blank=True,
                                 help_text=_("Markdown: **bold**, lists with -, links [text](https://…)."))  # fmt: skip
    transcript = models.TextField(_("transcript of the film"), blank=True)
    subtitles = models.FileField(
        _("subtitles (WebVTT)"), upload_to="campaign/subtitles/", blank=True,
        validators=[FileExtensionValidator(["vtt"])], help_text=_("A .vtt file in this language."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["campaign", "language"], name="one_campaign_text_per_language")]

    def __str__(self) -> str:
        return f"{self.title or self.campaign} [{self.language}]"


class Material(models.Model):
    """A file to download from the campaign page; one marked as an information package counts for O.2.4."""

    titles = models.JSONField(_("titles"), default=dict)  # language code -> title
    file = models.FileField(_("file"), upload_to="campaign/materials/",
                            validators=[FileExtensionValidator(MATERIAL_EXTENSIONS)])  # fmt: skip
    is_information_package = models.BooleanField(
        _("information package"), default=False, help_text=_("Counted for the funder's indicator O.2.4."),
    )  # fmt: skip
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.titles.get(settings.LANGUAGE_CODE) or next(iter(self.titles.values()), "") or f"#{self.pk}"

    def title_for(self, language: str) -> tuple[str, str]:
        """The title in the reader's language, else Polish, English, any; and the language it is in."""
        for code in (language, settings.LANGUAGE_CODE, "en", *sorted(self.titles)):
            if self.titles.get(code):
                return self.titles[code], code
        return str(self), settings.LANGUAGE_CODE


class ReachFigure(models.Model):
    """A figure of the campaign's reach that the coordinator records: a media mention, views elsewhere."""

    class Kind(models.TextChoices):
        MEDIA_MENTION = "media_mention", _("media mention")
        VIEWS = "views", _("views elsewhere")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=200, help_text=_("Where: a newspaper, a site, a channel."))
    number = models.PositiveIntegerField(_("number"), help_text=_("Mentions, views or people reached."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reach figure")
        verbose_name_plural = _("reach figures")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source} ({self.on})"
