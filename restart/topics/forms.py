"""Form fields that choose topics, named in the reader's language (used by every app that files things by topic)."""

from django import forms

from restart.topics.models import Topic


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return topic.name()


class TopicsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic: Topic) -> str:
        return f"{topic.parent.name()} › {topic.name()}" if topic.parent_id else topic.name()


def topics_in_tree_order():
    return Topic.objects.filter(active=True).select_related("parent").order_by("parent__position", "position")
