"""The two items newsetl produces. Every field is documented in docs/DATA_FORMAT.md.

Items are plain dataclasses: Scrapy reads them through ``itemadapter`` and the extraction
functions can build them without importing Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Headline:
    """A link to an article as announced by a feed, a sitemap or a listing page."""

    source: str
    url: str  # normalised: absolute, tracking parameters and fragment removed
    url_raw: str | None = None  # the link as the entry point published it
    external_id: str | None = None  # the entry's id: RSS <guid>, Atom <id>, JSON Feed id
    title: str | None = None
    summary: str | None = None
    published_at: datetime | None = None
    published_at_raw: str | None = None
    entry_point: str | None = None  # the feed, sitemap or page the headline was seen on
    kind: str | None = None  # "feed", "sitemap" or "listing"
    position: int | None = None  # 1-based rank on the entry point
    seen_at: datetime | None = None


@dataclass
class Article:
    """A full article page: the fields a reader or an analyst needs."""

    url: str
    source: str | None = None
    canonical_url: str | None = None
    id: str | None = None  # sha1 of the normalised canonical URL, set by the normalise pipeline
    title: str | None = None
    # every headline the page declares, by where it says it: "h1", "jsonld", "og:title",
    # "twitter:title", "title" (the <title> element), each as written
    title_variants: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_at_raw: str | None = None
    # where published_at was read: "jsonld", "meta:<name>", "microdata", "time[datetime]",
    # "text", "url" or "htmldate"
    published_at_source: str | None = None
    modified_at: datetime | None = None
    modified_at_raw: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    body: str | None = None  # plain text, one paragraph per line
    # what made the body: "trafilatura", "readability", "jsonld" or "selector"
    extracted_by: str | None = None
    image_url: str | None = None
    word_count: int | None = None
    fetched_at: datetime | None = None
