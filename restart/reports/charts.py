"""Charts drawn on the server as SVG: nothing loaded from elsewhere, nothing needing JavaScript,
printable. Each chart is an image with a title for screen readers; the page shows its data as a
table next to it."""

import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BRAND, TARGET, GRID, INK = "#0b4f8a", "#b3261e", "#c9ced6", "#1a1a1a"


def _svg(width: int, height: int, title: str, body: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def bars(rows: list[dict], *, title: str, left: int = 80) -> SafeString:
    """Actual against target: one bar per row ("code" its label, "value"), a red mark at the
    target when it has one."""
    width, row_height = 640, 30
    top = max([row["value"] for row in rows] + [row.get("target") or 0 for row in rows] + [1])
    scale = (width - left - 50) / top
    parts = []
    for number, row in enumerate(rows):
        y = 8 + number * row_height
        bar = max(row["value"] * scale, 1)
        parts.append(f'<text x="0" y="{y + 15}" font-size="15" fill="{INK}">{escape(row["code"])}</text>'
                     f'<rect x="{left}" y="{y}" width="{bar:.1f}" height="20" fill="{BRAND}"/>'
                     f'<text x="{left + bar + 6:.1f}" y="{y + 15}" font-size="15" fill="{INK}">{row["value"]}</text>')
        if row.get("target"):
            x = left + row["target"] * scale
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 3}" y2="{y + 23}" stroke="{TARGET}" '
                         f'stroke-width="3"/>')  # fmt: skip
    return _svg(width, 16 + len(rows) * row_height, title, "".join(parts))


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from start's to end's."""
    found, month = [], start.replace(day=1)
    while month <= end:
        found.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def cumulative_by_month(days: dict, start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, int]]:
    """(month, people counted by the end of it) from {first day: people}."""
    total, found = 0, []
    for month in months(start, end):
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        total += sum(n for day, n in days.items() if month <= day < following)
        found.append((month, total))
    return found


def trend(points: list[tuple[datetime.date, int]], *, target: int | None, title: str,
          month_label) -> SafeString:  # fmt: skip
    """A line of the cumulative count by month, with the target as a dashed line."""
    width, height, left, bottom, top_pad = 640, 260, 46, 36, 14
    top = max([n for _month, n in points] + [target or 0, 1])
    step = (width - left - 60) / max(len(points) - 1, 1)  # room for the last month's name
    y = lambda n: top_pad + (height - bottom - top_pad) * (1 - n / top)  # noqa: E731
    parts = [f'<line x1="{left}" x2="{width - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="{GRID}"/>',
             f'<text x="{left - 6}" y="{y(top) + 4:.1f}" font-size="14" text-anchor="end" fill="{INK}">{top}</text>',
             f'<text x="{left - 6}" y="{y(0) + 4:.1f}" font-size="14" text-anchor="end" fill="{INK}">0</text>']
    if target:
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                     f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>')  # fmt: skip
    coordinates = " ".join(f"{left + number * step:.1f},{y(n):.1f}" for number, (_month, n) in enumerate(points))
    parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{BRAND}" stroke-width="3"/>')
    every = max(1, len(points) // 8)
    for number, (month, n) in enumerate(points):
        x = left + number * step
        parts.append(f'<circle cx="{x:.1f}" cy="{y(n):.1f}" r="4" fill="{BRAND}"/>')
        if number % every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 12}" font-size="14" text-anchor="middle" fill="{INK}">'
                         f"{escape(month_label(month))}</text>")
    return _svg(width, height, title, "".join(parts))
