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


# Where the classification's tree and the work part ways, as (the offer's group, the candidate's
# group): occupations in other groups that do the offer's work (a sewing-machine operator sews, a
# courier drives a van, a nurse can care for the elderly but a carer is no nurse), and neighbours
# in one minor group that do not (a bricklayer is no carpenter, a crane is no forklift).
RELATED = {
    ("7533", "8153"): 0.8, ("8153", "7533"): 0.8,
    ("2221", "3221"): 0.8, ("3221", "2221"): 0.6, ("2221", "5321"): 0.1, ("2221", "5322"): 0.1,
    ("5322", "5321"): 0.8, ("5321", "5322"): 0.8, ("5322", "2221"): 0.6, ("5322", "3221"): 0.6,
    ("5321", "2221"): 0.6, ("5321", "3221"): 0.6,
    ("8322", "9621"): 0.6, ("8322", "8332"): 0.6, ("8322", "8331"): 0.6, ("8332", "8322"): 0.1,
    ("9333", "8344"): 0.6, ("9333", "4321"): 0.6, ("4321", "9333"): 0.3, ("8344", "9333"): 0.3,
    ("9412", "5120"): 0.6, ("9412", "5246"): 0.6, ("5120", "9412"): 0.3,
    ("7112", "7115"): 0.1, ("7115", "7112"): 0.1, ("8344", "8343"): 0.2, ("8343", "8344"): 0.2,
}  # fmt: skip


def closeness(a: str, b: str) -> float:
    """How far experience in group `b` counts for work in group `a`: 1 for the same unit group;
    credit for closely related ones (the same minor group, e.g. welders 7212 and sheet-metal
    workers 7213, or a pair in RELATED), less for the same sub-major group."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if (known := RELATED.get((a, b))) is not None:
        return known
    if a[:3] == b[:3]:
        return 0.6
    if a[:2] == b[:2]:
        return 0.3
    return 0.0
