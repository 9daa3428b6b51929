from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def source_is_address(source: str) -> bool:
    """Whether a source may become a link: a web page (http, https) or an e-mail address (mailto)."""
    parts = urlsplit(source.strip())
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.hostname)
    return scheme == "mailto" and "@" in parts.path


def source_errors(sources: list[str]) -> list[str]:
    """Why each unusable source line is refused, shared by the editor and the import."""
    return [
        _("“%(source)s” is not a web address (https://…) or an e-mail address (mailto:…).") % {"source": source}
        for source in sources
        if source.strip() and not source_is_address(source)
    ]


class Source(NamedTuple):
    text: str
    is_link: bool


class Article(models.Model):
    """An answer to a question migrants ask often, written in one or more languages."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    topic = models.ForeignKey(
        "topics.Topic", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="articles",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    sources = models.TextField(_("sources"), blank=True, help_text=_("One address per line, official pages first."))
    is_demo = models.BooleanField(_("demo content to be reviewed"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def source_list(self) -> list[Source]:
        """Each line; only safe addresses become links, anything else (javascript:…) stays text."""
        lines = [line.strip() for line in self.sources.splitlines() if line.strip()]
        return [Source(line, source_is_address(line)) for line in lines]


class ArticleTranslation(models.Model):
    """One language version of an article, with what the search index needs."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="translations")  # fmt: skip
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, lists with -, links [text](https://…)."))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    indexed_length = models.PositiveIntegerField(default=0, editable=False)
    indexed_at = models.DateTimeField(null=True, editable=False, db_index=True)
    embedding = models.BinaryField(null=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="one_translation_per_language")]

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.language}]"


class SearchTerm(models.Model):
    """A lemma of a translation with its weighted frequency: the lexical index (BM25)."""

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="terms")
    lemma = models.CharField(max_length=80, db_index=True)
    frequency = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["translation", "lemma"], name="one_term_per_lemma")]

    def __str__(self) -> str:
        return f"{self.lemma} ×{self.frequency}"


class LemmaForm(models.Model):
    """A word form seen in the corpus and its lemma, so web workers need not load a lemmatiser."""

    language = models.CharField(max_length=10)
    form = models.CharField(max_length=80)
    lemma = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "form"], name="one_lemma_per_form")]
        indexes = [models.Index(fields=["form"])]

    def __str__(self) -> str:
        return f"{self.form} → {self.lemma} [{self.language}]"


class Passage(models.Model):
    """A paragraph of a translation's body with its embedding: the part of the text that answers.

    The translation's own vector blends these with its title and summary; the passages themselves
    are read only for the few results shown, to pick the snippet.
    """

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    embedding = models.BinaryField(null=True)

    class Meta:
        ordering = ["translation", "position"]
        constraints = [models.UniqueConstraint(fields=["translation", "position"], name="one_passage_per_position")]

    def __str__(self) -> str:
        return f"{self.translation} ¶{self.position}"


class Posting(models.Model):
    """The inverted index: one row per lemma, with every translation that holds it and how often.

    Derived from SearchTerm by the worker; a query reads one row per word it asks about instead of
    summing BM25 over every term row in SQL. Ids of translations since deleted or unpublished are
    dropped at query time against the published corpus.
    """

    lemma = models.CharField(max_length=80, unique=True)
    translation_ids = models.BinaryField()  # int64 array, ascending
    frequencies = models.BinaryField()  # float32 array, same order

    def __str__(self) -> str:
        return self.lemma


class TypoKey(models.Model):
    """A known word form with one letter deleted (or none), for typo tolerance without scanning
    every form: a typed word and a form are one edit apart only if they share such a key."""

    key = models.CharField(max_length=80, db_index=True)
    form = models.CharField(max_length=80)
    lemma = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "form", "lemma"], name="one_typo_key_per_form")]

    def __str__(self) -> str:
        return f"{self.key} ~ {self.form}"
