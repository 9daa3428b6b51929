"""What modules add to a person's page: a link to their own page about the person (the job
fair's candidate profile). `people` imports no module: each registers here in AppConfig.ready()."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class PersonAction:
    label: str  # lazily translated
    url_name: str  # takes the person's pk


_ACTIONS: dict[str, PersonAction] = {}


def register_person_action(action: PersonAction) -> None:
    _ACTIONS[action.url_name] = action


def person_actions(person) -> list[tuple[str, str]]:
    """(label, address) of every module's page about this person, for those who may change it."""
    return [(str(action.label), reverse(action.url_name, args=[person.pk])) for action in _ACTIONS.values()]
