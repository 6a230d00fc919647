"""The demo site's stories, loaded from ``data/<outlet>.yaml`` (one file per outlet).

Each file holds the outlet (``name``, ``language``, ``tz_hours``, ``sections``), its
``articles`` and its ``briefs``. Times are offsets in hours before an anchor (``now``
floored to the hour), so the site always looks fresh.

Fields of an article:
    id, section, headline, summary, dateline, authors, tags, hours_ago, body (paragraphs
    apart by a blank line); optional: modified_ago (hours), lang (default: the outlet's),
    event (the same real-world event covered by several outlets), body_from (the id of a wire
    story republished verbatim, instead of a body), credit.
A brief is a headline only (id, links_to, headline, hours_ago): it appears in the outlet's
feed or listing and links to an article of the same outlet (``links_to``).
"""

from __future__ import annotations

from importlib.resources import files

import yaml

OUTLET_KEYS = ("meridian", "harbour", "courier")  # in the order the site lists them


def _load(outlet: str) -> dict:
    return yaml.safe_load((files(__package__) / "data" / f"{outlet}.yaml").read_text("utf-8"))


_DATA = {key: _load(key) for key in OUTLET_KEYS}
#: Outlet key -> name, language, tz_hours, sections.
OUTLETS = {
    key: {k: v for k, v in data.items() if k not in ("articles", "briefs")}
    for key, data in _DATA.items()
}
#: Every article of every outlet, each with its ``outlet``.
ARTICLES = [{"outlet": key} | a for key, data in _DATA.items() for a in data["articles"]]
#: Every headline-only brief, each with its ``outlet``.
BRIEFS = [{"outlet": key} | b for key, data in _DATA.items() for b in data["briefs"]]
