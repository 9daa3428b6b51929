from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from restart.campaign.files import webvtt_error
from restart.campaign.models import Campaign, CampaignTranslation, Material, ReachFigure
from restart.core.forms import DateInput


class CampaignForm(forms.ModelForm):
    """The parts of the page shared by every language."""

    external_page_url = forms.URLField(
        label=_("The film on another site"), required=False, assume_scheme="https",
        help_text=Campaign._meta.get_field("external_page_url").help_text,
    )  # fmt: skip
    external_embed_url = forms.URLField(
        label=_("Player address on that site"), required=False, assume_scheme="https",
        help_text=Campaign._meta.get_field("external_embed_url").help_text,
    )  # fmt: skip

    class Meta:
        model = Campaign
        fields = ["film_authors", "video", "external_page_url", "external_embed_url"]
        widgets = {"video": forms.ClearableFileInput(attrs={"accept": "video/webm,video/mp4"})}

    def clean(self):
        cleaned = super().clean()
        for name in ("external_page_url", "external_embed_url"):
            if cleaned.get(name) and not cleaned[name].startswith("https://"):
                self.add_error(name, _("Give an address that starts with https://."))
        if cleaned.get("external_embed_url") and not cleaned.get("external_page_url"):
            self.add_error(
                "external_page_url", _("Give the film's page too: visitors without JavaScript get a link to it.")
            )
        return cleaned


class CampaignTranslationForm(forms.ModelForm):
    """One language column of the editor; all of it may stay empty (the language then falls back)."""

    class Meta:
        model = CampaignTranslation
        fields = ["title", "intro", "film_text", "transcript", "subtitles"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 8}),
            "film_text": forms.Textarea(attrs={"rows": 8}),
            "transcript": forms.Textarea(attrs={"rows": 8}),
            "subtitles": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }

    def clean_subtitles(self):
        subtitles = self.cleaned_data.get("subtitles")
        if subtitles and hasattr(subtitles, "content_type") and (error := webvtt_error(subtitles)):
            raise forms.ValidationError(error)
        return subtitles

    def clean(self):
        cleaned = super().clean()
        has_text = any((cleaned.get(key) or "").strip() for key in ("intro", "film_text", "transcript"))
        if has_text and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("A language with texts needs a title."))
        return cleaned

    def texts(self) -> dict:
        """What the service needs: the texts, a new subtitle file or the wish to remove the old one."""
        subtitles = self.cleaned_data.get("subtitles")
        return {
            **{key: self.cleaned_data.get(key, "") for key in ("title", "intro", "film_text", "transcript")},
            "subtitles": subtitles if subtitles and hasattr(subtitles, "content_type") else None,
            "subtitles_clear": subtitles is False,
        }


class MaterialForm(forms.ModelForm):
    """A material: its file, a title per language, and whether it is an information package."""

    class Meta:
        model = Material
        fields = ["file", "is_information_package", "published_on"]
        widgets = {"published_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=200, required=False,
                initial=self.instance.titles.get(code, ""),
            )  # fmt: skip
        order = [f"title_{code}" for code, _name in settings.LANGUAGES] + list(self.Meta.fields)
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"title_{code}") or "").strip() for code, _name in settings.LANGUAGES):
            self.add_error(f"title_{settings.LANGUAGE_CODE}", _("Give the material a title in at least one language."))
        return cleaned

    def material(self) -> Material:
        """The material with the form's values, for `services.material_save` to save."""
        material = super().save(commit=False)
        material.titles = {code: self.cleaned_data.get(f"title_{code}", "") for code, _name in settings.LANGUAGES}
        return material


class ReachFigureForm(forms.ModelForm):
    class Meta:
        model = ReachFigure
        fields = ["kind", "on", "source", "number", "note"]
        widgets = {"on": DateInput()}
