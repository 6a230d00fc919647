"""Pure parsers for the entry points: RSS/Atom/RDF and JSON feeds, (news) sitemaps in XML
or plain text, and the ``Sitemap:`` lines of robots.txt.

Bytes in, plain entries out: no Scrapy, network or database. XML entities are never
expanded and nothing external is ever fetched.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree
from protego import Protego
from w3lib.html import remove_tags, remove_tags_with_content

from newsetl.extraction.text import CODE_TAGS
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
    external_id: str | None = None  # the entry's own id: RSS <guid>, Atom <id>, JSON Feed id


class NotAFeed(ValueError):
    pass


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _unrepresentable(match: re.Match) -> bool:
    hex_digits, decimal = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    return code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF


def repair_character_references(body: bytes) -> tuple[bytes, int]:
    """``body`` with references to characters no text can hold (lone surrogates such as
    ``&#xD800;``, NUL, beyond U+10FFFF) replaced by U+FFFD, and how many there were. One
    such reference would otherwise make a parser or the database refuse the whole feed."""
    if b"&#" not in body:
        return body, 0
    count = 0

    def replace(match: re.Match) -> bytes:
        nonlocal count
        if not _unrepresentable(match):
            return match[0]
        count += 1
        return b"&#xFFFD;"

    return _CHAR_REF.sub(replace, body), count


def _struct_to_utc(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC) if value else None
    except (OverflowError, ValueError, TypeError):
        return None


def markup_text(value: str) -> str:
    """The text of a feed's HTML field: tags dropped, and ``<script>``/``<style>``
    dropped with their content (a reader never sees it)."""
    return remove_tags(remove_tags_with_content(value, which_ones=CODE_TAGS))


def parse_feed(body: bytes) -> list[Entry]:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed, in feed order.

    A malformed feed yields what can be recovered from it; a document that is not a feed
    at all raises :class:`NotAFeed`.
    """
    if _is_json(body):
        return parse_json_feed(body)
    body, _ = repair_character_references(body)
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
                external_id=_text_or_none(e.get("id")),
            )
        )
    return entries


def _text_or_none(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _is_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/1(\.\d+)?/?$")


def parse_json_feed(body: bytes) -> list[Entry]:
    """Entries of a JSON Feed 1.0 or 1.1 (https://jsonfeed.org/version/1.1), in feed order:
    ``url`` (else ``external_url``), ``title``, ``summary``, ``date_published`` (else
    ``date_modified``) and ``id``. Raises :class:`NotAFeed` for any other JSON."""
    try:
        feed = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise NotAFeed(f"not a JSON feed: {exc}") from None
    if not isinstance(feed, dict) or not JSON_FEED_VERSION.match(str(feed.get("version", ""))):
        raise NotAFeed("not a JSON feed: no jsonfeed.org version")
    entries = []
    for item in feed.get("items") or ():
        if not isinstance(item, dict):
            continue
        link = next((v for v in (item.get("url"), item.get("external_url")) if _is_text(v)), None)
        if not link:
            continue
        raw = next(
            (v for k in ("date_published", "date_modified") if _is_text(v := item.get(k))), None
        )
        title, summary = item.get("title"), item.get("summary")
        entries.append(
            Entry(
                url=link.strip(),
                title=markup_text(title) if _is_text(title) else None,
                summary=markup_text(summary) if _is_text(summary) else None,
                published_at=to_utc(raw),
                published_at_raw=raw,
                # 1.0 allowed a number; the spec asks readers to take it as a string
                external_id=_text_or_none(str(item["id"])) if item.get("id") is not None else None,
            )
        )
    return entries


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


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
    body, _ = repair_character_references(body)
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


_URL_LINE = re.compile(r"^https?://\S+$")


def parse_text_sitemap(body: bytes) -> Sitemap:
    """A plain-text sitemap: one absolute URL per line (sitemaps.org); other lines are
    skipped. Raises :class:`NotAFeed` when no line is a URL."""
    lines = body.decode("utf-8-sig", errors="replace").splitlines()
    entries = [Entry(url=line) for line in map(str.strip, lines) if _URL_LINE.match(line)]
    if not entries:
        raise NotAFeed("not a text sitemap: no line is a URL")
    return Sitemap("urlset", entries)


def parse_any_sitemap(body: bytes) -> Sitemap:
    """Whatever a site lists as a sitemap, as search engines read it: an XML sitemap or
    index, a plain-text sitemap, or an RSS, Atom or JSON feed (its entries as the pages).
    Raises :class:`NotAFeed` when it is none of these."""
    try:
        return parse_sitemap(body)
    except NotAFeed as exc:
        not_xml = exc
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    parsers = (parse_text_sitemap,) if start not in (b"<", b"{") else ()
    for parse in parsers:
        try:
            return parse(body)
        except NotAFeed:
            pass
    try:
        return Sitemap("urlset", parse_feed(body))
    except NotAFeed:
        raise not_xml from None


def robots_sitemaps(body: bytes, base: str) -> list[str]:
    """The sitemap URLs a robots.txt lists (``Sitemap:``, also spelt ``Site-map:``, any
    case and spacing), absolute, without repeats. A byte order mark is no part of the
    first line."""
    text = body.decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    urls = (urljoin(base, url.strip()) for url in Protego.parse(text).sitemaps if url.strip())
    return list(dict.fromkeys(urls))
