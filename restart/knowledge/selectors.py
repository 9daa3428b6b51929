"""Reads of the knowledge base for the staff side (the public search is in search.py)."""

from django.http import Http404

from restart.core.access import user_can_enter
from restart.knowledge.models import Article


def article_get_for_user(*, user, pk: int) -> Article:
    """An article, drafts included, for the staff who edit the knowledge base."""
    article = Article.objects.filter(pk=pk).first() if user_can_enter(user, "knowledge") else None
    if article is None:
        raise Http404
    return article
