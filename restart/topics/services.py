"""Writes to the topic taxonomy: a manager adds or renames topics (audited)."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.topics.models import Topic


@transaction.atomic
def topic_save(*, topic: Topic, by, request: HttpRequest | None = None) -> Topic:
    created = topic.pk is None
    topic.save()
    audit_record(actor=by, action="topic.create" if created else "topic.update", obj=topic, request=request)
    return topic


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "topic.create": gettext_lazy("added the topic %(object)s"),
    "topic.update": gettext_lazy("changed the topic %(object)s"),
}
