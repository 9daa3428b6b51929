"""Polish public holidays (no lessons on them): the fixed days and those that move with Easter."""

import datetime
from functools import cache


def easter_sunday(year: int) -> datetime.date:
    """The Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def polish_holidays(year: int) -> frozenset[datetime.date]:
    easter = easter_sunday(year)
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26)]
    if year >= 2025:
        fixed.append((12, 24))  # Christmas Eve is a public holiday from 2025
    moving = [easter, easter + datetime.timedelta(days=1), easter + datetime.timedelta(days=49),
              easter + datetime.timedelta(days=60)]  # Easter Monday, Pentecost, Corpus Christi  # fmt: skip
    return frozenset([datetime.date(year, month, day) for month, day in fixed] + moving)


def is_holiday(day: datetime.date) -> bool:
    return day in polish_holidays(day.year)
