"""Reads of the topic taxonomy."""

from django.http import Http404

from restart.core.access import user_can_enter
from restart.topics.models import Topic


def topic_get_for_user(*, user, pk: int) -> Topic:
    """A topic to edit: for those who keep the taxonomy (managers)."""
    topic = Topic.objects.filter(pk=pk).first() if user_can_enter(user, "audit") else None
    if topic is None:
        raise Http404
    return topic
