"""The privacy registry: each app registers how it exports, erases and merges a person's data.

`people` runs the steps (restart/people/services/gdpr.py) without knowing the apps; an app that keeps
anything about a person registers its steps in its AppConfig.ready() (docs/architecture.md,
docs/privacy.md). A test checks that every model pointing at a person belongs to an app that
registered all three.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportSection:
    """One part of a person's export: a titled table with readable labels, in the person's language."""

    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict] = field(default_factory=list)  # key -> readable value


@dataclass(frozen=True)
class Identity:
    """How the person was reached, read before erasure: the core's step forgets what was sent
    to these addresses (their mails and SMS)."""

    person_id: int
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrivacySteps:
    app_label: str
    # export(person, viewer) -> [ExportSection]
    export: Callable
    # erase(person, identity, by, request): scrub the app's free text about the person
    erase: Callable
    # merge(survivor, duplicate, by, request): move the app's records through its own services
    merge: Callable
    # Lower runs first; the people app runs last, after every module has read what it needs.
    order: int = 100


_STEPS: dict[str, PrivacySteps] = {}


def privacy_register(steps: PrivacySteps) -> None:
    existing = _STEPS.get(steps.app_label)
    if existing is not None and existing != steps:
        raise ValueError(f"Privacy steps for {steps.app_label!r} are already registered.")
    _STEPS[steps.app_label] = steps


def privacy_steps() -> list[PrivacySteps]:
    return sorted(_STEPS.values(), key=lambda steps: (steps.order, steps.app_label))


def registered_apps() -> set[str]:
    return set(_STEPS)
