from django_tasks import task


@task()
def article_index(*, article_id: int) -> int:
    """Re-index every translation of an article after it changed (lemmas and embeddings)."""
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import ArticleTranslation

    translations = list(ArticleTranslation.objects.filter(article_id=article_id))
    translations_index(translations)
    return len(translations)
