"""Pure parsers for the entry points: RSS/Atom/RDF feeds and (news) sitemaps.

Bytes in, plain entries out: no Scrapy, network or database. XML entities are never
expanded and nothing external is ever fetched.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from lxml import etree
from w3lib.html import remove_tags, remove_tags_with_content

from newsetl.normalize import to_utc

_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
)


@dataclass(frozen=True)
class Entry:
    """A link announced by a feed or a sitemap."""

    url: str
    title: str | None = None
    summary: str | None = None
    published_at: datetime | None = None
    published_at_raw: str | None = None


class NotAFeed(ValueError):
    pass


def _struct_to_utc(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None
    except (OverflowError, ValueError, TypeError):
        return None


_CODE_TAGS = ("script", "style", "noscript", "template")


def markup_text(value: str) -> str:
    """The text of a feed's HTML field: tags dropped, and ``<script>``/``<style>``
    dropped with their content (a reader never sees it)."""
    return remove_tags(remove_tags_with_content(value, which_ones=_CODE_TAGS))


def parse_feed(body: bytes) -> list[Entry]:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed, in feed order.

    A malformed feed yields what can be recovered from it; a document that is not a feed
    at all raises :class:`NotAFeed`.
    """
    parsed = feedparser.parse(body, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception", "no feed elements")
        raise NotAFeed(f"not an RSS or Atom feed: {reason}")
    entries = []
    for e in parsed.entries:
        link = e.get("link") or (e.get("id") if str(e.get("id", "")).startswith("http") else None)
        if not link:
            continue
        # dict.get: feedparser's own get() maps a missing "published" to "updated" with a warning
        raw = dict.get(e, "published") or dict.get(e, "updated")
        parsed_date = dict.get(e, "published_parsed") or dict.get(e, "updated_parsed")
        summary = e.get("summary")
        entries.append(
            Entry(
                url=link.strip(),
                title=markup_text(e["title"]) if e.get("title") else None,
                summary=markup_text(summary) if summary else None,
                published_at=_struct_to_utc(parsed_date) or to_utc(raw),
                published_at_raw=raw,
            )
        )
    return entries


@dataclass(frozen=True)
class Sitemap:
    kind: str  # "index" (entries are sitemaps) or "urlset" (entries are pages)
    entries: list[Entry]


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element, *path: str) -> str | None:
    for child in element:
        if _local(child.tag) == path[0]:
            if len(path) == 1:
                return (child.text or "").strip() or None
            return _child_text(child, *path[1:])
    return None


def parse_sitemap(body: bytes) -> Sitemap:
    """A sitemap index, a sitemap or a Google News sitemap. Dates from ``news:
    publication_date``, else ``lastmod``. Raises :class:`NotAFeed` for anything else."""
    try:
        root = etree.fromstring(body, _XML)
    except etree.XMLSyntaxError as exc:
        raise NotAFeed(f"not a sitemap: {exc}") from None
    kind = _local(root.tag) if root is not None else ""
    if kind not in ("sitemapindex", "urlset"):
        raise NotAFeed(f"not a sitemap: root element {kind or 'missing'}")
    # recovered from a document cut inside a <loc>: that last URL is cut short too
    cut_in_loc = any(
        e.type_name == "ERR_TAG_NOT_FINISHED" and "tag loc" in e.message for e in _XML.error_log
    )
    entries = []
    for element in root:
        loc = _child_text(element, "loc")
        if not loc:
            continue
        raw = _child_text(element, "news", "publication_date") or _child_text(element, "lastmod")
        entries.append(
            Entry(
                url=loc,
                title=_child_text(element, "news", "title"),
                published_at=to_utc(raw),
                published_at_raw=raw,
            )
        )
    if cut_in_loc and entries:
        entries.pop()
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)
