"""``ArticlePage``: one parsed page, one method per field of :class:`newsetl.items.Article`.

The HTML is parsed once with lxml; structured data (JSON-LD, ``<meta>``) is read once and
every field method reuses it. Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from functools import cached_property
from urllib.parse import urljoin, urlsplit

from tld import get_fld
from trafilatura.utils import load_html

from . import authors as author_rules
from .body import choose_body, main_text, strip_headline
from .dates import both_readings, date_from_url, has_time_of_day, local_date, parse_date
from .score import TOKEN
from .structured import (
    LISTING_TYPES,
    jsonld_nodes,
    main_article,
    main_page,
    meta_tags,
    types_of,
)
from .text import clean, element_text, node_text
from .titles import displays, html_title, strip_site_parts

SELECTOR_KEYS = frozenset({"title", "body", "authors", "published_at"})
_LANG = re.compile(r"^([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)*$")
MIN_WORDS_ARTICLE = 10  # an article page (by its markup) needs this many body words
MIN_WORDS_UNMARKED = 15  # a page with no article markup needs more
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<!\d)(?:19|20)\d\d(?=\d{4})")
MAX_BYLINE_CHARS = 120
# elements that may hold the byline (ranked by _byline_tier), in one pass over the page
_BYLINE_XPATH = (
    "//*[@rel='author' or @id='author' or contains(@itemprop, 'author')"
    " or contains(@class, 'uthor') or contains(@class, 'yline') or @class='byl'"
    " or contains(@class, 'writer') or contains(@class, 'posted-by')"
    " or contains(@class, 'submitted-by') or contains(@data-component, 'Byline')]"
    "[not(self::time or self::figure or self::meta or self::link)]"
)
_BYLINE_NAME = re.compile(r"author-?name|AuthorName|authorName")
_BYLINE_CLASS = re.compile(r"author|submitted-by|posted-by|journalist-name")
_BYLINE_ANY = re.compile(r"[Aa]uthor|writer|[Bb]yline")
_BYLINE_DISCARD = re.compile(
    r"^[Cc]omments|commentlist|comments-list|comment-?list|sidebar|is-hidden|quote|print"
    r"|category|meta-date|meta-reviewer|embedly-instagram|article-(?:share|support)"
    r"|ProductReviews"
)
MAX_DATE_LINE_CHARS = 80
_DATE_LINE_TAGS = ("p", "span", "div", "time", "small")
_DATE_LINE = re.compile(
    r"^(?:published|posted|publié|publicado|veröffentlicht)\b[^\n]*\d{4}", re.IGNORECASE
)
_OTHER_ITEM = frozenset(("a", "nav", "aside", "footer"))  # a date in these is another item's
_DATE_LINE_OUTSIDE = _OTHER_ITEM | {"li"}
_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
MAX_HEADLINE_WORDS = 40  # a longer <h1> is a paragraph styled as a heading


def _first(*values) -> str | None:
    for value in values:
        text = clean(value)
        if text:
            return text
    return None


def _name(value) -> str | None:
    """A name from a JSON-LD value: string, {"name": ...} or a list of those."""
    if isinstance(value, list):
        return next((n for n in map(_name, value) if n), None)
    if isinstance(value, dict):
        return clean(value.get("name"))
    return clean(value)


def _url_value(value) -> str | None:
    if isinstance(value, list):
        return next((u for u in map(_url_value, value) if u), None)
    if isinstance(value, dict):
        return _url_value(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return clean(value)


class ArticlePage:
    """A page and the article fields read from it."""

    def __init__(self, html: str | bytes, url: str, selectors: Mapping[str, str] | None = None):
        self.url = url
        self.tree = load_html(html)
        self.selectors = {k: v for k, v in (selectors or {}).items() if v}
        unknown = set(self.selectors) - SELECTOR_KEYS
        if unknown:
            raise ValueError(f"unknown selector keys: {sorted(unknown)}")

    # --- shared structured data -------------------------------------------------------
    @cached_property
    def nodes(self) -> list[dict]:
        return jsonld_nodes(self.tree) if self.tree is not None else []

    @cached_property
    def ld(self) -> dict:
        """The JSON-LD article node ({} when none)."""
        return main_article(self.nodes) or {}

    @cached_property
    def ld_page(self) -> dict:
        return main_page(self.nodes) or {}

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        return meta_tags(self.tree) if self.tree is not None else {}

    def m(self, *keys: str) -> str | None:
        """First non-empty <meta> content among ``keys``."""
        for key in keys:
            for value in self.meta.get(key, ()):
                text = clean(value)
                if text:
                    return text
        return None

    def select(self, key: str) -> list:
        selector = self.selectors.get(key)
        if not selector or self.tree is None:
            return []
        return self.tree.cssselect(selector)

    def itemprop(self, prop: str) -> list:
        return self._itemprops.get(prop, [])

    @cached_property
    def _itemprops(self) -> dict[str, list]:
        """Elements by microdata ``itemprop`` (the page is searched once)."""
        found: dict[str, list] = {}
        for el in self.tree.xpath("//*[@itemprop]") if self.tree is not None else ():
            for prop in el.get("itemprop").split():
                found.setdefault(prop, []).append(el)
        return found

    def absolute(self, link: str | None) -> str | None:
        if not link:
            return None
        link = link.strip()
        if link.startswith("//"):
            link = (urlsplit(self.url).scheme or "https") + ":" + link
        try:
            return urljoin(self.url, link)
        except ValueError:
            return None

    # --- kind of page ---------------------------------------------------------------
    @cached_property
    def _article_elements(self) -> int:
        return int(self.tree.xpath("count(//article)")) if self.tree is not None else 0

    @cached_property
    def has_article_markup(self) -> bool:
        if self.ld or (self.m("og:type") or "").lower() == "article":
            return True
        if self.m("article:published_time") or self.itemprop("articleBody"):
            return True
        return self._article_elements == 1

    @cached_property
    def is_listing(self) -> bool:
        """A section front, search result or other list of teasers (by its markup). An
        ``ItemList`` alone does not say so: listicles declare one too (the text decides,
        see :meth:`looks_like_listing`)."""
        if self.ld or (self.m("og:type") or "").lower() == "article":
            return False
        return any(types_of(n) & (LISTING_TYPES - {"itemlist"}) for n in self.nodes)

    def looks_like_listing(self, body: str) -> bool:
        """No article markup, and the extracted text is mostly a run of linked headlines."""
        if self.has_article_markup or self.tree is None:
            return False
        headings = [node_text(h) for h in self.tree.xpath("//h2[.//a] | //h3[.//a] | //h4[.//a]")]
        in_body = [h for h in headings if h and h in body]
        if len(in_body) < 5:
            return False
        return sum(len(h.split()) for h in in_body) >= 0.25 * len(body.split())

    # --- fields -------------------------------------------------------------------------
    def canonical_url(self) -> str:
        candidates = []
        if self.tree is not None:
            candidates += self.tree.xpath("//link[@rel='canonical' or @rel='Canonical']/@href")
        candidates.append(self.m("og:url"))
        for candidate in candidates:
            link = self.absolute(candidate)
            if link and link.startswith("http") and same_site(self.url, link):
                return link
        return self.url

    @cached_property
    def site_name(self) -> str | None:
        publisher = self.ld.get("publisher")
        return _first(self.m("og:site_name", "application-name"), _name(publisher))

    def title(self) -> str | None:
        """The headline as the page displays it: the ``<h1>`` that a declared title
        (JSON-LD headline, og:title, twitter:title, ``<title>``) names, with or without a
        site name around it; else the page's one headline-like ``<h1>`` (an SEO or social
        title differs from it); else the first declared title, site and section names
        taken off its ends."""
        return self._title

    def title_variants(self) -> dict[str, str]:
        """Every headline the page declares, by where it declares it, as written."""
        variants = {
            "h1": self._displayed_h1 or next(iter(self._h1s), None),
            "jsonld": _name(self.ld.get("headline")),
            "og:title": self.m("og:title"),
            "twitter:title": self.m("twitter:title"),
            "title": self._html_title(),
        }
        return {source: text for source, text in variants.items() if text}

    @cached_property
    def _h1_elements(self) -> list:
        """The page's ``<h1>`` elements outside its footer (a "See Fewer Ads" banner is no
        headline; navigation and side blocks are not excluded: some pages wrap everything
        in one)."""
        if self.tree is None:
            return []
        return self.tree.xpath("//h1[not(ancestor::footer)]")

    @cached_property
    def _h1s(self) -> list[str]:
        texts = (node_text(h) for h in self._h1_elements)
        return [t for t in texts if t and len(t.split()) <= MAX_HEADLINE_WORDS]

    @cached_property
    def _displayed_h1(self) -> str | None:
        """The ``<h1>`` a declared title names, else the one headline-like ``<h1>``."""
        declared = [
            _name(self.ld.get("headline")),
            self.m("og:title"),
            self.m("twitter:title"),
            self._html_title(),
        ]
        headings = [h for h in self._h1s[:5] if not self.is_site_name(h)]
        for h1 in headings:
            if any(displays(d, h1) for d in declared) and (
                len(h1.split()) >= 2 or any(_words_key(d) == _words_key(h1) for d in declared)
            ):
                return h1
        if len(self._h1s) == 1 and headings and len(headings[0].split()) >= 3:
            # a headline rewritten for search or social media still shares words with the
            # displayed one; a section label ("Allergies Health Center") need not
            words = set(_words_key(headings[0])) - _FILLER
            if not any(declared) or any(words & set(_words_key(d)) for d in declared):
                return headings[0]
        return None

    @cached_property
    def _title(self) -> str | None:
        selected = self.select("title")
        if selected:
            return _first(element_text(selected[0]))
        if self._displayed_h1:
            return self._displayed_h1
        for candidate in (
            lambda: _name(self.ld.get("headline")) or _name(self.ld.get("name")),
            lambda: self.m("og:title"),
            self._title_element,
            lambda: self.m("twitter:title", "dc.title", "parsely-title"),
            self._h1,
        ):
            title = clean(candidate())
            if title:
                return strip_site_parts(title, self.is_site_part)
        return None

    def is_site_part(self, text: str) -> bool:
        """Whether a part of a title ("… | Börsen-Zeitung", "… - Golem.de") names the
        site or a section: :meth:`is_site_name`, a part of the site's name, or the host's
        name ("Golem.de" on golem.de, "DW" on dw.com)."""
        key = _words_key(text)
        if not key or len(key) > 8:
            return False
        if self.is_site_name(text):
            return True
        for name in (self.site_name, self.m("application-name"), _name(self.ld.get("publisher"))):
            name_key = _words_key(name)
            if name_key and _contains(name_key, key):
                return True
        brand = _brand(self.url)
        return bool(brand) and brand in ("".join(key), "".join(key[:-1]))

    def _title_element(self) -> str | None:
        """The ``<title>`` cut as Readability.js cuts it, unless it is no headline: when it
        names only the site and section ("The Daily Courier | Business"), the page's single
        ``<h1>`` is the headline (see :func:`is_site_title`)."""
        original = self._html_title()
        title = html_title(self.tree, original)
        if not title or self.tree is None:
            return title
        h1s = [text for text in map(node_text, self._h1_elements) if text]
        if len(h1s) != 1 or len(h1s[0].split()) < 2:
            return title
        h1 = h1s[0]
        if is_site_title(original or title, title, h1, self.is_site_name):
            return h1 if not self.is_site_name(h1) else title
        return title

    def is_site_name(self, text: str) -> bool:
        """Whether ``text`` names the site or a section the page is in: og:site_name, the
        publisher, or the text of a link to the site's home or to a section whose path
        the page's URL is under ("Business" -> ``/business/``)."""
        key = _words_key(text)
        if not key:
            return False
        names = (self.site_name, self.m("application-name"), _name(self.ld.get("publisher")))
        if any(name and _words_key(name) == key for name in names):
            return True
        path = urlsplit(self.url).path
        for href in self.tree.xpath("//a[normalize-space(.)=$t]/@href", t=clean(text)):
            link = self.absolute(href)
            if not link:
                continue
            parts = urlsplit(link)
            if parts.query or parts.fragment or not same_site(self.url, link):
                continue
            prefix = parts.path if parts.path.endswith("/") else parts.path + "/"
            if prefix == "/" or (path.startswith(prefix) and path != parts.path):
                return True
        return False

    def _h1(self) -> str | None:
        for h1 in self._h1_elements:
            text = node_text(h1)
            if text and len(text.split()) >= 2:
                return text
        return None

    def _html_title(self) -> str | None:
        if self.tree is None:
            return None
        el = self.tree.find(".//title")
        return node_text(el) if el is not None else None

    def description(self) -> str | None:
        return _first(
            self.m("og:description"),
            self.m("description"),
            self.ld.get("description"),
            self.m("twitter:description"),
        )

    def authors(self) -> list[str]:
        selected = self.select("authors")
        if selected:
            names = [n for el in selected for n in author_rules.split_byline(node_text(el))]
            return author_rules.merge(names)
        names: list[str] = []
        for value in _as_list(self.ld.get("author")) + _as_list(self.ld.get("creator")):
            if isinstance(value, dict):
                name = clean(value.get("name"))
                if name and "organization" in types_of(value):
                    names.append(name)  # kept only when no person is named
                    continue
            else:
                name = clean(value)
            if name and not name.startswith("http"):
                names.extend(author_rules.split_byline(name))
        if not names:
            for key in (
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
                "byline",
            ):
                for value in self.meta.get(key, ()):
                    if not value.startswith("http"):
                        names.extend(author_rules.split_byline(value))
                if names:
                    break
        if self.tree is not None and not any(not author_rules.is_organisation(n) for n in names):
            # no person named in the structured data: the byline shown on the page
            names = self._byline_names() + names
        site = (self.site_name or "").casefold()
        names = [n for n in names if n.casefold() != site] or names
        return author_rules.merge(names)

    def _byline_names(self) -> list[str]:
        """Names in the byline shown on the page: the first element that trafilatura's
        author rules would take (``rel=author``, an ``author`` class or id, ``itemprop``
        author, then "byline" and "writer" classes), outside comments, side bars, dates
        and figures. One pass over the page, with trafilatura's own name normalisation."""
        from trafilatura.metadata import normalize_authors

        candidates = []
        for el in self.tree.xpath(_BYLINE_XPATH):
            tier = _byline_tier(el)
            if tier is not None and not any(_byline_discarded(a) for a in el.iterancestors()):
                candidates.append((tier, el))
        for _, el in sorted(candidates, key=lambda c: c[0]):
            text = " ".join(" ".join(el.itertext()).split())
            if 2 < len(text) < MAX_BYLINE_CHARS:
                byline = normalize_authors(None, text) or ""
                return [n for part in byline.split(";") for n in author_rules.split_byline(part)]
        return []

    def published(self) -> tuple[str | None, datetime | None]:
        raw, dt, _ = self._published
        return raw, dt

    def published_at_source(self) -> str | None:
        """Where the publication date was read: ``selector``, ``jsonld``,
        ``meta:<name>``, ``microdata``, ``time[datetime]``, ``text``, ``url`` or
        ``htmldate``."""
        return self._published[2]

    @cached_property
    def _published(self) -> tuple[str | None, datetime | None, str | None]:
        """The day the page's sources agree on, else the first date it declares (in the
        order of :meth:`_published_candidates`), with a time of day when any source gives
        one for that day: a date-only meta tag and "Published 1 December 2026 17:36 GMT" on
        the page. Sources agree when two or more kinds of them (JSON-LD, a meta tag, a
        ``<time>``, the text...) give the same day: a stale JSON-LD date loses to the meta
        tag and the ``<time>`` element that agree with each other."""
        found = []
        for source, raw in self._published_candidates():
            raw = clean(raw)
            if source not in ("text", "selector") and not _YEAR.search(raw or ""):
                continue  # a machine-readable date without its year ("04-12") is no date
            dt = parse_date(raw, self.declared_language())
            if dt is not None:
                found.append((source, raw, dt, self._day(raw)))
        if not found:
            raw, dt = self._htmldate()
            return raw, dt, "htmldate" if dt else None
        kinds = dict.fromkeys((source, day) for source, _, _, day in found)  # in page order
        votes = Counter(day for _, day in kinds)
        day, count = votes.most_common(1)[0]
        if count < 2 or votes[found[0][3]] == count:
            day = found[0][3]
        on_day = [f for f in found if f[3] == day]
        source, raw, dt, _ = next((f for f in on_day if has_time_of_day(f[1])), on_day[0])
        return raw, self._as_the_page_reads(raw, dt), source

    def _as_the_page_reads(self, raw: str, dt: datetime) -> datetime:
        """``dt``, or the other reading of an all-numeric date that reads two ways
        ("02-12-2025") when the page's ISO ``<time datetime>`` values name that day and not
        ``dt``'s (the article in the page's own "recent posts" list, say)."""
        readings = both_readings(raw)
        if readings is None or dt.date() not in readings:
            return dt
        other = readings[1] if dt.date() == readings[0] else readings[0]
        days = self._iso_time_days
        if other in days and dt.date() not in days:
            return dt.replace(month=other.month, day=other.day)
        return dt

    @cached_property
    def _iso_time_days(self) -> set[date]:
        values = self.tree.xpath("//time/@datetime") if self.tree is not None else []
        return {d for v in values if _ISO_DAY.match(v) and (d := local_date(v)) is not None}

    def _day(self, raw: str | None):
        return local_date(raw, self.declared_language())

    def _published_candidates(self) -> Iterator[tuple[str, str | None]]:
        selected = self.select("published_at")
        if selected:
            el = selected[0]
            yield "selector", el.get("datetime") or el.get("content") or node_text(el)
            return
        yield "jsonld", self.ld.get("datePublished")
        yield self._meta_item("article:published_time", "og:published_time", "published_time")
        yield "jsonld", self.ld.get("dateCreated")
        yield "microdata", self._itemprop_date("datePublished")
        yield self._meta_item(
            "parsely-pub-date",
            "sailthru.date",
            "pubdate",
            "publishdate",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "date",
            "citation_date",
        )
        yield "jsonld", self.ld_page.get("datePublished")
        yield "time[datetime]", self._time_element()
        yield "text", self._date_line()
        from_url = date_from_url(self.url)
        yield "url", from_url[0] if from_url else None

    def _meta_item(self, *keys: str) -> tuple[str, str | None]:
        """(``meta:<name>``, content) of the first of ``keys`` the page has."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if clean(value):
                    return f"meta:{key}", value
        return f"meta:{keys[0]}", None

    def modified(self) -> tuple[str | None, datetime | None]:
        for raw in (
            self.ld.get("dateModified"),
            self.m(
                "article:modified_time",
                "og:updated_time",
                "modified_time",
                "dcterms.modified",
                "last-modified",
            ),
            self._itemprop_date("dateModified"),
            self.ld_page.get("dateModified"),
        ):
            raw = clean(raw)
            dt = parse_date(raw, self.declared_language())
            if dt:
                return raw, dt
        return None, None

    def _itemprop_date(self, prop: str) -> str | None:
        """The first microdata date ``prop`` outside links and side blocks (a related
        article's card declares its own ``datePublished``)."""
        for el in self.itemprop(prop):
            if any(a.tag in _OTHER_ITEM for a in el.iterancestors()):
                continue
            value = el.get("datetime") or el.get("content") or node_text(el)
            if clean(value):
                return value
        return None

    def _time_element(self) -> str | None:
        if self.tree is None:
            return None
        for xp in (
            "//article//time[@datetime]",
            "//time[@pubdate][@datetime]",
            "//main//time[@datetime]",
            # the first <time> outside links and side blocks: the article's own date
            "(//time[@datetime][not(ancestor::a or ancestor::li or ancestor::nav or "
            "ancestor::aside or ancestor::footer)])[1]",
        ):
            found = self.tree.xpath(xp)
            if found:
                return found[0].get("datetime")
        return None

    def _date_line(self) -> str | None:
        """A short line shown with the article, outside links and side blocks:
        "Published 1 December 2026 17:36 GMT"."""
        if self.tree is None:
            return None
        for el in self.tree.iter(*_DATE_LINE_TAGS):
            first = (el.text or "").lstrip()[:1]
            if not first or first not in "PpV":
                continue
            text = node_text(el)
            if (
                text
                and len(text) <= MAX_DATE_LINE_CHARS
                and _DATE_LINE.match(text)
                and not any(a.tag in _DATE_LINE_OUTSIDE for a in el.iterancestors())
            ):
                return text
        return None

    def _htmldate(self) -> tuple[str | None, datetime | None]:
        from htmldate import find_date

        if self.tree is None:
            return None, None
        try:
            raw = find_date(
                self.tree,
                url=self.url,
                original_date=True,
                extensive_search=True,
                outputformat="%Y-%m-%dT%H:%M:%S%z",
            )
        except Exception:  # noqa: BLE001 - htmldate fails on odd trees; no date is not fatal
            return None, None
        return raw, parse_date(raw)

    def declared_language(self) -> str | None:
        return self._declared_language

    @cached_property
    def _declared_language(self) -> str | None:
        candidates = [
            self.tree.get("lang") if self.tree is not None else None,
            self.tree.get("xml:lang") if self.tree is not None else None,
            self.ld.get("inLanguage") if isinstance(self.ld.get("inLanguage"), str) else None,
            self.m("content-language", "language", "dc.language", "og:locale"),
        ]
        for value in candidates:
            m = _LANG.match((value or "").strip())
            if m:
                return m[1].lower()
        return None

    def language(self, body: str | None) -> str | None:
        declared = self.declared_language()
        if declared or not body:
            return declared
        import py3langid

        return py3langid.classify(body)[0]

    def section(self) -> str | None:
        section = self.ld.get("articleSection")
        return _first(section, self.m("article:section", "parsely-section", "section"))

    def tags(self) -> list[str]:
        raw: list[str] = [t for v in self.meta.get("article:tag", ()) for t in v.split(",")]
        if not raw:
            keywords = self.ld.get("keywords")
            if isinstance(keywords, list):
                raw = [k for k in keywords if isinstance(k, str)]
            elif isinstance(keywords, str):
                raw = keywords.split(",")
        if not raw:
            value = self.m("news_keywords", "keywords")
            raw = value.split(",") if value else []
        tags: dict[str, str] = {}
        for tag in raw:
            text = clean(tag)
            if text and text.casefold() not in tags:
                tags[text.casefold()] = text
        return list(tags.values())

    def image_url(self) -> str | None:
        return self.absolute(
            _first(
                self.m("og:image", "og:image:url", "og:image:secure_url"),
                self.m("twitter:image", "twitter:image:src"),
                _url_value(self.ld.get("image")),
            )
        )

    def body(self) -> str | None:
        return self._body[0]

    def extracted_by(self) -> str | None:
        """Where the body came from: ``selector`` (the source's CSS selector),
        ``trafilatura``, ``readability`` or ``jsonld`` (the JSON-LD ``articleBody``)."""
        return self._body[1] if self._body[0] else None

    @cached_property
    def _body(self) -> tuple[str | None, str | None]:
        selected = self.select("body")
        if selected:
            text = "\n".join(t for t in (element_text(el) for el in selected) if t)
            return text or None, "selector"
        if self.tree is None:
            return None, None
        extracted = main_text(self.tree, self.url)
        article_body = _first(self.ld.get("articleBody")) and self.ld.get("articleBody")
        body = choose_body(extracted.text, article_body)
        method = extracted.method if body == extracted.text else "jsonld"
        return strip_headline(body, self.headlines()), method

    def headlines(self) -> list[str | None]:
        """Every name the page gives its article: the title, og:title and the h1s."""
        h1s = [] if self.tree is None else [node_text(h) for h in self.tree.iter("h1")]
        return [self.title(), self.m("og:title", "twitter:title"), *h1s]


_TITLE_PARTS = re.compile(r"\s+[|\-\u2013\u2014\\/>»:·•]\s+")
# words that say nothing about what a title is about
_FILLER = frozenset("a an the of and in on at to for with by from is are".split())


def _byline_tier(el) -> int | None:
    """How surely ``el`` is the byline, in the order of trafilatura's author rules (0 is
    surest); None when it is not one."""
    cls, ident = el.get("class") or "", el.get("id") or ""
    if (
        el.get("rel") == "author"
        or ident == "author"
        or cls == "author"
        or el.get("itemprop") == "author name"
        or _BYLINE_NAME.search(cls)
    ):
        return 0
    if cls in ("byline", "username", "byl") or "author" in (el.get("itemprop") or ""):
        return 1
    if _BYLINE_CLASS.search(cls) or "author" in ident:
        return 1
    if _BYLINE_ANY.search(cls) or _BYLINE_ANY.search(ident):
        return 2
    return 2 if "Byline" in (el.get("data-component") or "") else None


def _byline_discarded(el) -> bool:
    """Whether ``el`` is a block whose names are not the article's byline."""
    if el.tag in ("time", "figure"):
        return True
    if el.tag not in ("a", "div", "section", "span"):
        return False
    if (el.get("class") or "") in ("comments", "title", "date") or el.get("id") == "comments":
        return True
    return bool(
        _BYLINE_DISCARD.search(el.get("class") or "") or _BYLINE_DISCARD.search(el.get("id") or "")
    )


def _words_key(text: str | None) -> tuple[str, ...]:
    return tuple(TOKEN.findall((text or "").casefold()))


def _contains(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether the words ``part`` occur in a row in ``whole``."""
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def _brand(url: str) -> str | None:
    """The registered name of the URL's host without its suffix: ``golem`` for
    ``www.golem.de``, ``dw`` for ``www.dw.com``."""
    fld = get_fld(url, fail_silently=True)
    return fld.split(".", 1)[0].casefold().replace("-", "") if fld else None


def is_site_title(original: str, title: str, h1: str, is_site_name: Callable[[str], bool]) -> bool:
    """Whether a ``<title>`` names only the site and section, not the article: each of its
    parts ("Site | Section") is a site or section name, or it shares no word (beyond
    "the", "of"...) with the page's one ``h1`` and is shorter than it. (A short ``h1``
    such as a section label, "Allergies Health Center", leaves a longer ``<title>`` alone.)"""
    parts = [part.strip() for part in _TITLE_PARTS.split(original) if _words_key(part)]
    if parts and all(is_site_name(part) for part in parts):
        return True
    words = set(_words_key(original)) - _FILLER
    if words & (set(_words_key(h1)) - _FILLER):
        return False
    return len(_words_key(h1)) > len(_words_key(title))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def same_site(a: str, b: str) -> bool:
    """Same registered domain (``www.bbc.co.uk`` ~ ``m.bbc.co.uk``), else same host."""
    fld_a = get_fld(a, fail_silently=True)
    fld_b = get_fld(b, fail_silently=True)
    if fld_a and fld_b:
        return fld_a.lower() == fld_b.lower()
    host_a = (urlsplit(a).hostname or "").lower().removeprefix("www.")
    host_b = (urlsplit(b).hostname or "").lower().removeprefix("www.")
    return bool(host_a) and host_a == host_b
