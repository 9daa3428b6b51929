from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A subject of consultations (legal stay, work, housing…), named in every language."""

    slug = models.SlugField(_("code"), unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent topic"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    names = models.JSONField(_("names"), default=dict, help_text=_("One name per language code."))
    is_employment = models.BooleanField(
        _("employment topic"), default=False, help_text=_("Counts as professional guidance in the funder's report.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        # The table the information point created before the taxonomy had an owner of its own.
        db_table = "infopoint_topic"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        """The name in the given (or current) language, falling back to Polish, then English."""
        language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return self.names.get(language) or self.names.get("pl") or self.names.get("en") or self.slug
