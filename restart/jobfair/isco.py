"""ISCO-08, the ILO's classification of occupations: the four levels with names in our languages
(data/isco08.json), and how close two occupations are for matching."""

import json
from functools import cache
from pathlib import Path

from restart.core.i18n import in_language

DATA = Path(__file__).resolve().parent / "data" / "isco08.json"


@cache
def _groups() -> dict[str, dict]:
    return {group["code"]: group for group in json.loads(DATA.read_text(encoding="utf-8"))["groups"]}


def is_unit_group(code: str) -> bool:
    """A four-digit unit group, the level offers and experience are recorded at."""
    return len(code or "") == 4 and code in _groups()


def occupation_name(code: str, language: str | None = None) -> str:
    group = _groups().get(code)
    if group is None:
        return code
    return in_language({key: value for key, value in group.items() if len(key) == 2}, language)


def major_groups() -> list[str]:
    """The ten fields of work (1 digit), for a filter a job seeker understands."""
    return [code for code in _groups() if len(code) == 1 and code != "0"]


def unit_groups() -> list[str]:
    return [code for code in _groups() if len(code) == 4]


def closeness(a: str, b: str) -> float:
    """1 for the same unit group; credit for closely related ones (the same minor group, e.g.
    welders 7212 and sheet-metal workers 7213), less for the same sub-major group."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a[:3] == b[:3]:
        return 0.6
    if a[:2] == b[:2]:
        return 0.3
    return 0.0
