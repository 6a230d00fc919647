"""Small helpers shared by the outlet templates."""

from __future__ import annotations

from datetime import datetime
from html import escape

from .model import MONTHS

STATIC_PAGES = {
    "about": "About us",
    "contact": "Contact",
    "privacy": "Privacy policy",
    "terms": "Terms of use",
}


def esc(text: str) -> str:
    return escape(text, quote=True)


def iso(dt: datetime) -> str:
    """ISO 8601 with an explicit offset, e.g. 2026-11-29T14:05:00+00:00."""
    return dt.isoformat(timespec="seconds")


def long_date(dt: datetime) -> str:
    """29 November 2026 14:05"""
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year} {dt:%H:%M}"


def short_date(dt: datetime) -> str:
    """29 Nov 2026, 2:05 pm"""
    hour = dt.hour % 12 or 12
    ampm = "am" if dt.hour < 12 else "pm"
    return f"{dt.day} {MONTHS[dt.month - 1][:3]} {dt.year}, {hour}:{dt:%M} {ampm}"


def join_names(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


BRIEF_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{headline}</title></head>
<body><h1>{headline}</h1>
<p>Developing story. <a href="{url}">Read the full report</a>.</p>
</body></html>
"""


def brief_page(headline: str, url: str) -> str:
    """A "developing story" page: a headline and a link, not an article."""
    return BRIEF_PAGE.format(headline=esc(headline), url=esc(url))


def placeholder_svg(label: str) -> bytes:
    """A tiny image so that og:image / JSON-LD image URLs resolve."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">'
        '<rect width="1200" height="675" fill="#d9dee4"/>'
        f'<text x="600" y="350" font-family="sans-serif" font-size="40" text-anchor="middle" '
        f'fill="#44505c">{esc(label)}</text></svg>'
    ).encode()
