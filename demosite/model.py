"""Article model: turns the raw story data into dated, addressable articles."""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from .stories import ARTICLES, BRIEFS, OUTLETS

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    section: str
    headline: str
    summary: str
    dateline: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    lang: str
    paragraphs: tuple[str, ...]
    published: datetime
    modified: datetime | None
    event: str | None
    body_from: str | None
    credit: str | None
    slug: str
    path: str

    @property
    def outlet_name(self) -> str:
        return OUTLETS[self.outlet]["name"]

    @property
    def image_path(self) -> str:
        return f"/{self.outlet}/img/{self.slug}.svg"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def local(self, dt: datetime) -> datetime:
        """``dt`` in the outlet's own time zone."""
        return dt.astimezone(outlet_tz(self.outlet))


@dataclass(frozen=True)
class Headline:
    """One entry of an outlet's feed or listing (an article or a headline-only brief)."""

    id: str
    outlet: str
    headline: str
    published: datetime
    article: Article
    is_brief: bool

    @property
    def section(self) -> str:
        return self.article.section

    @property
    def path(self) -> str:
        """The article's page; a brief has its own short "developing story" page."""
        if self.is_brief:
            return f"/{self.outlet}/live/{slugify(self.headline)}.html"
        return self.article.path


def outlet_tz(outlet: str) -> timezone:
    hours = OUTLETS[outlet]["tz_hours"]
    return UTC if hours == 0 else timezone(timedelta(hours=hours))


def slugify(text: str, max_len: int = 70) -> str:
    text = text.replace("'", "").replace("\u2019", "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def _jitter(key: str, modulo: int = 60) -> int:
    """Deterministic minute offset so that times are not all on the hour."""
    return zlib.crc32(key.encode()) % modulo


def article_path(outlet: str, section: str, slug: str, published: datetime) -> str:
    d = published.astimezone(outlet_tz(outlet))
    if outlet == "meridian":
        return f"/meridian/{d:%Y/%m/%d}/{slug}.html"
    if outlet == "harbour":
        return f"/harbour/{section}/{d:%Y%m%d}/{slug}"
    return f"/courier/{section}/{d.year}/{MONTHS[d.month - 1][:3].lower()}/{d.day:02d}/{slug}"


def _paragraphs(body: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in body.strip().split("\n\n") if p.strip())


def build_articles(anchor: datetime) -> list[Article]:
    raw_by_id = {raw["id"]: raw for raw in ARTICLES}
    articles = []
    for raw in ARTICLES:
        body = raw_by_id[raw["body_from"]]["body"] if raw.get("body_from") else raw["body"]
        published = anchor - timedelta(hours=raw["hours_ago"], minutes=_jitter(raw["id"]))
        modified = None
        if "modified_ago" in raw:
            modified = anchor - timedelta(
                hours=raw["modified_ago"], minutes=_jitter(raw["id"] + "/m")
            )
        slug = slugify(raw["headline"])
        articles.append(
            Article(
                id=raw["id"],
                outlet=raw["outlet"],
                section=raw["section"],
                headline=raw["headline"],
                summary=raw["summary"],
                dateline=raw["dateline"],
                authors=tuple(raw["authors"]),
                tags=tuple(raw["tags"]),
                lang=raw.get("lang", OUTLETS[raw["outlet"]]["language"]),
                paragraphs=_paragraphs(body),
                published=published,
                modified=modified,
                event=raw.get("event"),
                body_from=raw.get("body_from"),
                credit=raw.get("credit"),
                slug=slug,
                path=article_path(raw["outlet"], raw["section"], slug, published),
            )
        )
    return articles


def build_headlines(anchor: datetime, articles: list[Article]) -> list[Headline]:
    """Every feed/listing entry, newest first: one per article plus the headline-only briefs."""
    by_id = {a.id: a for a in articles}
    items = [Headline(a.id, a.outlet, a.headline, a.published, a, False) for a in articles]
    for raw in BRIEFS:
        target = by_id[raw["links_to"]]
        assert target.outlet == raw["outlet"], raw["id"]
        published = anchor - timedelta(hours=raw["hours_ago"], minutes=_jitter(raw["id"]))
        items.append(Headline(raw["id"], raw["outlet"], raw["headline"], published, target, True))
    items.sort(key=lambda h: h.published, reverse=True)
    return items


def anchor_for(now: datetime | None) -> datetime:
    """``now`` (UTC) floored to the hour."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
