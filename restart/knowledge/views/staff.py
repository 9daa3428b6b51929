from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from restart.core.access import area_required
from restart.core.paging import paginate
from restart.knowledge import services
from restart.knowledge.embedders import embedder
from restart.knowledge.forms import ArticleForm, TranslationForm
from restart.knowledge.models import Article
from restart.knowledge.selectors import article_get_for_user

REFERENCE_LANGUAGE = "pl"  # translations older than the Polish text are flagged


def translation_status(article: Article) -> list[dict]:
    by_language = {t.language: t for t in article.translations.all()}
    reference = by_language.get(REFERENCE_LANGUAGE)
    rows = []
    for code, name in settings.LANGUAGES:
        translation = by_language.get(code)
        outdated = bool(translation and reference and code != REFERENCE_LANGUAGE
                        and translation.updated_at < reference.updated_at)  # fmt: skip
        rows.append({"code": code, "name": name, "translation": translation, "outdated": outdated})
    return rows


@area_required("knowledge")
def article_list(request):
    query = request.GET.get("q", "").strip()[:100]
    articles = Article.objects.prefetch_related("translations").select_related("topic").order_by("slug")
    if query:
        articles = articles.filter(Q(slug__icontains=query) | Q(translations__title__icontains=query)).distinct()
    page, query_string = paginate(request, articles, 50)
    rows = [(article, translation_status(article)) for article in page.object_list]
    return render(
        request,
        "knowledge/staff/list.html",
        {"page": page, "rows": rows, "query": query, "query_string": query_string, "semantic": embedder() is not None},
    )


@area_required("knowledge")
def article_edit(request, pk: int | None = None):
    article = article_get_for_user(user=request.user, pk=pk) if pk else Article()
    existing = {t.language: t for t in article.translations.all()} if pk else {}
    form = ArticleForm(request.POST or None, instance=article)
    translation_forms = [
        (code, name, TranslationForm(request.POST or None, prefix=code, instance=existing.get(code)))
        for code, name in settings.LANGUAGES
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _c, _n, f in translation_forms):
        texts = {code: f.cleaned_data for code, _name, f in translation_forms}
        if not any(data.get("title") for data in texts.values()):
            form.add_error(None, _("Write the article in at least one language."))
        else:
            article = form.save(commit=False)
            services.article_save(article=article, translations=texts, by=request.user, request=request)
            messages.success(request, _("The article is saved. The search index is updated in a moment."))
            return redirect("knowledge_staff:edit", pk=article.pk)
    status = {row["code"]: row for row in translation_status(article)} if pk else {}
    columns = [(code, name, f, status.get(code)) for code, name, f in translation_forms]
    return render(request, "knowledge/staff/edit.html", {"form": form, "columns": columns, "article": article})
