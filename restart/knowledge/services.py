"""Writes to the knowledge base; each one queues the re-indexing of what it changed."""

import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.knowledge.models import Article, ArticleTranslation, source_errors
from restart.knowledge.tasks import article_index
from restart.topics.models import Topic

TRANSLATED_FIELDS = ("title", "summary", "body")


@transaction.atomic
def article_save(*, article: Article, translations: dict[str, dict], by, request: HttpRequest | None = None) -> Article:
    """Save an article and its translations; a translation's date moves only when its text changed."""
    created = article.pk is None
    article.save()
    existing = {t.language: t for t in article.translations.all()}
    for language, texts in translations.items():
        texts = {key: (texts.get(key) or "").strip() for key in TRANSLATED_FIELDS}
        current = existing.get(language)
        if not texts["title"] and not texts["body"]:
            if current:
                current.delete()  # emptied on purpose: the language falls back again
            continue
        if current is None:
            ArticleTranslation.objects.create(article=article, language=language, **texts)
        elif any(getattr(current, key) != value for key, value in texts.items()):
            for key, value in texts.items():
                setattr(current, key, value)
            current.updated_at = timezone.now()
            current.save()
    audit_record(actor=by, action="article.create" if created else "article.update", obj=article, request=request)
    article_index.enqueue(article_id=article.pk)
    return article


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _parse_line(number: int, line: str, topics: dict[str, Topic]) -> tuple[dict | None, list[tuple[int, str]]]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, [(number, _("not valid JSON (%(error)s)") % {"error": exc.msg})]
    if not isinstance(data, dict):
        return None, [(number, _("a line must be one JSON object"))]
    errors = []
    slug = data.get("slug")
    if not isinstance(slug, str) or not slug.strip():
        errors.append((number, _("the slug is missing")))
    if data.get("topic") and data["topic"] not in topics:
        errors.append((number, _("unknown topic %(topic)s") % {"topic": data["topic"]}))
    translations = data.get("translations")
    languages = dict(settings.LANGUAGES)
    if not isinstance(translations, dict) or not translations:
        errors.append((number, _("no translations")))
    else:
        for language, texts in translations.items():
            if language not in languages:
                errors.append((number, _("unknown language %(language)s") % {"language": language}))
            elif not isinstance(texts, dict) or not texts.get("title") or not texts.get("body"):
                errors.append(
                    (number, _("the %(language)s translation needs a title and a body") % {"language": language})
                )
    sources = data.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(source, str) for source in sources):
        errors.append((number, _("the sources must be a list of addresses")))
    else:
        errors += [(number, message) for message in source_errors(sources)]
    return (None if errors else data), errors


def articles_import(*, lines: list[str], by=None, publish: bool = True) -> ImportReport:
    """One article per JSON line, matched by slug; nothing is written if any line is wrong."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    report, parsed = ImportReport(), []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        data, errors = _parse_line(number, line, topics)
        report.errors += errors
        if data:
            parsed.append(data)
    if report.errors:
        return report
    with transaction.atomic():
        for data in parsed:
            article = Article.objects.filter(slug=data["slug"].strip()).first()
            report.updated += article is not None
            report.created += article is None
            article = article or Article(slug=data["slug"].strip())
            article.topic = topics.get(data.get("topic"))
            article.sources = "\n".join(data.get("sources") or [])
            article.is_demo = bool(data.get("demo"))
            if data.get("reviewed_on"):
                article.reviewed_on = datetime.date.fromisoformat(data["reviewed_on"])
            if publish:
                article.status = Article.Status.PUBLISHED
            article_save(article=article, translations=data["translations"], by=by)
    return report


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "article.create": gettext_lazy("wrote the article %(object)s"),
    "article.update": gettext_lazy("changed the article %(object)s"),
}
