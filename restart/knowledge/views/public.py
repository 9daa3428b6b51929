from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from restart.knowledge import search as knowledge_search
from restart.knowledge.models import Article
from restart.knowledge.text import render_markdown
from restart.topics.models import Topic


def _published():
    return Article.objects.filter(status=Article.Status.PUBLISHED).prefetch_related("translations")


@require_GET
def index(request):
    """Browse by topic, or search when there is a question."""
    query = request.GET.get("q", "")[: knowledge_search.MAX_QUERY_CHARS]
    language = get_language()
    topics = Topic.objects.filter(parent__isnull=True, active=True)
    if query.strip():
        response = knowledge_search.search(query, language=language, limit=10)
        return render(request, "knowledge/results.html", {"query": query, "response": response, "topics": topics})
    by_topic = {topic.pk: [] for topic in topics}
    for article in _published().select_related("topic").order_by("slug"):
        translation, fallback = knowledge_search.reader_translation(article.translations.all(), language)
        if translation and article.topic_id:
            key = article.topic.parent_id or article.topic_id if article.topic else None
            by_topic.setdefault(key, []).append((article, translation, fallback))
    sections = [(topic, by_topic.get(topic.pk, [])) for topic in topics if by_topic.get(topic.pk)]
    return render(request, "knowledge/index.html", {"sections": sections, "query": query})


@require_GET
def topic_detail(request, slug: str):
    """The articles on one topic (and its subtopics), with booking a consultation on it one click away."""
    topic = get_object_or_404(Topic, slug=slug, active=True, parent__isnull=True)
    articles = _published().filter(Q(topic=topic) | Q(topic__parent=topic)).order_by("slug")
    entries = []
    for article in articles:
        translation, fallback = knowledge_search.reader_translation(article.translations.all(), get_language())
        if translation:
            entries.append((article, translation, fallback))
    return render(request, "knowledge/topic.html", {"topic": topic, "entries": entries})


@require_GET
def article_detail(request, slug: str):
    article = get_object_or_404(_published().select_related("reviewed_by", "topic"), slug=slug)
    translations = list(article.translations.all())
    translation, fallback = knowledge_search.reader_translation(translations, get_language())
    available = [(code, name) for code, name in settings.LANGUAGES if any(t.language == code for t in translations)]
    return render(
        request,
        "knowledge/article.html",
        {
            "article": article,
            "translation": translation,
            "fallback": fallback,
            "body_html": render_markdown(translation.body),
            "available": available,
        },
    )
