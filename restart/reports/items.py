"""Counters of items, not people (O.2.4: information packages published): an app registers one
by name in its AppConfig.ready(), and an indicator of count "items" names it."""

import datetime
from collections.abc import Callable

ItemCounter = Callable[[datetime.date, datetime.date], int]
_COUNTERS: dict[str, ItemCounter] = {}


def register_items(name: str, counter: ItemCounter) -> None:
    _COUNTERS[name] = counter


def items_count(name: str, start: datetime.date, end: datetime.date) -> int:
    counter = _COUNTERS.get(name)
    if counter is None:
        raise LookupError(f"No counter of items named {name!r} is registered.")
    return counter(start, end)
