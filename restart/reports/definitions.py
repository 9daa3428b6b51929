"""The funder's indicators as data (data/amif.json, or the file REPORT_INDICATORS names): codes,
labels in each language, and what each counts, so that a funder's variant replaces the file and
no code. A rule says which ledger rows count ("where": flags and kinds of activity) or which
registered counter of items (`items.py`) gives the figure.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from restart.people.models import Participation
from restart.people.services import FLAG_FIELDS

DEFAULT_FILE = Path(__file__).with_name("data") / "amif.json"
# What a rule may test: the ledger's flags (true/false) and the kind of activity (one or a list).
WHERE_FIELDS = frozenset({*FLAG_FIELDS, "kind"})


class DefinitionError(ValueError):
    """The indicators file is not usable; the message says where."""


@dataclass(frozen=True)
class Indicator:
    code: str
    labels: dict
    count: str = "people"  # "people": unique participants; "items": a counter's figure
    where: dict = field(default_factory=dict)
    items: str = ""

    def label(self, language: str | None = None) -> str:
        return _in_language(self.labels, language)


@dataclass(frozen=True)
class Definitions:
    names: dict
    indicators: tuple[Indicator, ...]

    def name(self, language: str | None = None) -> str:
        return _in_language(self.names, language)

    def get(self, code: str) -> Indicator | None:
        return next((indicator for indicator in self.indicators if indicator.code == code), None)


def _in_language(texts: dict, language: str | None) -> str:
    language = (language or get_language() or "en")[:2]
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


@cache
def definitions() -> Definitions:
    path = Path(getattr(settings, "REPORT_INDICATORS", "") or DEFAULT_FILE)
    return parse(json.loads(path.read_text(encoding="utf-8")), source=str(path))


def parse(data: dict, *, source: str = "indicators") -> Definitions:
    """Check a definitions file and read it; every mistake is reported with its place."""
    indicators, seen = [], set()
    for number, item in enumerate(data.get("indicators") or []):
        where = f"{source}: indicators[{number}]"
        code = str(item.get("code") or "")
        if not code or code in seen:
            raise DefinitionError(f"{where}: a missing or repeated code {code!r}")
        seen.add(code)
        if not isinstance(item.get("label"), dict) or not item["label"]:
            raise DefinitionError(f"{where}: a label per language is needed")
        count = item.get("count", "people")
        if count not in ("people", "items"):
            raise DefinitionError(f"{where}: count is 'people' or 'items', not {count!r}")
        rule = item.get("where") or {}
        unknown = set(rule) - WHERE_FIELDS
        if unknown:
            raise DefinitionError(f"{where}: cannot count by {sorted(unknown)}; use {sorted(WHERE_FIELDS)}")
        kinds = rule.get("kind")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if kinds is not None and not set(kinds) <= set(Participation.Kind.values):
            raise DefinitionError(f"{where}: unknown kind of activity in {kinds!r}")
        if count == "items" and not item.get("items"):
            raise DefinitionError(f"{where}: an 'items' indicator names its counter")
        indicators.append(Indicator(code=code, labels=item["label"], count=count, where=rule,
                                    items=item.get("items", "")))  # fmt: skip
    if not indicators:
        raise DefinitionError(f"{source}: no indicators")
    return Definitions(names=data.get("name") or {"en": "Indicators"}, indicators=tuple(indicators))
