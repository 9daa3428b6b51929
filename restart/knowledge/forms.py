from django import forms
from django.utils.translation import gettext_lazy as _

from restart.core.forms import DateInput
from restart.knowledge.models import Article, ArticleTranslation, source_errors
from restart.topics.forms import TopicChoiceField
from restart.topics.models import Topic


class ArticleForm(forms.ModelForm):
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), required=False)
    reviewed_on = forms.DateField(label=_("Reviewed on"), required=False, widget=DateInput())

    class Meta:
        model = Article
        fields = ["slug", "topic", "status", "reviewed_on", "reviewed_by", "sources", "is_demo"]
        widgets = {"sources": forms.Textarea(attrs={"rows": 3})}

    def clean_sources(self) -> str:
        sources = self.cleaned_data["sources"]
        if errors := source_errors(sources.splitlines()):
            raise forms.ValidationError(errors)
        return sources


class TranslationForm(forms.ModelForm):
    """One language column of the editor; all of it may stay empty (the language then falls back)."""

    class Meta:
        model = ArticleTranslation
        fields = ["title", "summary", "body"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("body", "").strip() and not cleaned.get("title", "").strip():
            self.add_error("title", _("A translation with a text needs a title."))
        if cleaned.get("title", "").strip() and not cleaned.get("body", "").strip():
            self.add_error("body", _("A translation with a title needs a text."))
        return cleaned
