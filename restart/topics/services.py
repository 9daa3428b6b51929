"""Writes to the topic taxonomy: a manager adds or renames topics (audited)."""

from django.db import transaction
from django.http import HttpRequest

from restart.core.audit import audit_record
from restart.topics.models import Topic


@transaction.atomic
def topic_save(*, topic: Topic, by, request: HttpRequest | None = None) -> Topic:
    created = topic.pk is None
    topic.save()
    audit_record(actor=by, action="topic.create" if created else "topic.update", obj=topic, request=request)
    return topic
