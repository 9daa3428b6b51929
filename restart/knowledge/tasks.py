from django_tasks import task


@task()
def article_index(*, article_id: int) -> int:
    """Re-index every translation of an article after it changed (lemmas and embeddings)."""
    return articles_index.call(article_ids=[article_id])


@task()
def articles_index(*, article_ids: list[int]) -> int:
    """Re-index many articles at once: the postings of each lemma are rebuilt once for all of
    them, not once an article (a word common to every text has a list as long as the base)."""
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import ArticleTranslation

    translations = list(ArticleTranslation.objects.filter(article_id__in=article_ids))
    translations_index(translations)
    return len(translations)
