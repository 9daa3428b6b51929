"""The demo data registry: each app registers how it seeds its demo data.

`manage.py seed_demo` (this app) runs the steps in order without knowing the apps; an app
registers its step in its AppConfig.ready(). Steps must be safe to run again.
"""

from collections.abc import Callable
from dataclasses import dataclass

DEMO_PASSWORD = "restart-demo-2026"


@dataclass(frozen=True)
class DemoStep:
    name: str  # what the summary line says, e.g. "Demo people"
    seed: Callable[..., str]  # seed(password=...) -> a short summary of what it did
    order: int  # lower first: staff before people before the modules that use them


_STEPS: dict[str, DemoStep] = {}


def demo_register(step: DemoStep) -> None:
    _STEPS[step.name] = step


def demo_steps() -> list[DemoStep]:
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.name))
