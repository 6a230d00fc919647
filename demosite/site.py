"""DemoSite: routes a request path to a rendered page. Pure: no I/O, no clock after __init__."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from . import courier, harbour, meridian, syndication
from .common import STATIC_PAGES, brief_page, esc, placeholder_svg
from .model import Article, Headline, anchor_for, build_articles, build_headlines
from .stories import OUTLETS

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
CSS = "text/css; charset=utf-8"
SVG = "image/svg+xml"

# Where a crawler starts for each outlet (paths; prefix with the site's base URL).
ENTRY_POINTS = {
    "meridian": {"feeds": ["/meridian/rss.xml", "/meridian/atom.xml"]},
    "harbour": {"sitemaps": ["/harbour/sitemap.xml"]},
    "courier": {"listings": ["/courier/", "/courier/world/"]},
}
COURIER_HEADLINE_SELECTOR = "h2.headline a"

Response = tuple[int, str, bytes]
Handler = Callable[[str], Response]

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>No page at {path}.</p></body></html>
"""

INDEX_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsetl demo news site</title></head>
<body><h1>newsetl demo news site</h1>
<p>Three fictional outlets, served offline for the newsetl crawler.</p>
<ul>
{items}
</ul></body></html>
"""


class DemoSite:
    """The three demo outlets. ``now`` fixes the clock (defaults to the current UTC time)."""

    def __init__(self, now: datetime | None = None):
        self.anchor = anchor_for(now)
        self.articles: list[Article] = build_articles(self.anchor)
        self.headlines: list[Headline] = build_headlines(self.anchor, self.articles)
        self.by_id = {a.id: a for a in self.articles}
        self._routes: dict[str, Handler] = {}
        self._register()

    # ------------------------------------------------------------------ queries
    def outlet_articles(self, outlet: str) -> list[Article]:
        return sorted(
            (a for a in self.articles if a.outlet == outlet),
            key=lambda a: a.published,
            reverse=True,
        )

    def outlet_headlines(self, outlet: str, section: str | None = None) -> list[Headline]:
        return [
            h
            for h in self.headlines
            if h.outlet == outlet and (section is None or h.section == section)
        ]

    def article_urls(self, base_url: str, outlet: str | None = None) -> list[str]:
        base = base_url.rstrip("/")
        return [base + a.path for a in self.articles if outlet in (None, a.outlet)]

    def related(self, article: Article, limit: int = 3) -> list[Article]:
        others = [a for a in self.outlet_articles(article.outlet) if a.id != article.id]
        others.sort(key=lambda a: a.section != article.section)  # stable: same section first
        return others[:limit]

    def most_read(self, outlet: str, limit: int = 5) -> list[Article]:
        articles = self.outlet_articles(outlet)
        return sorted(articles, key=lambda a: (len(a.headline) * 7) % 11)[:limit]

    def events(self) -> dict[str, list[str]]:
        """Event key -> ids of the articles (from 2-3 outlets) that cover it."""
        groups: dict[str, list[str]] = defaultdict(list)
        for a in self.articles:
            if a.event:
                groups[a.event].append(a.id)
        return dict(groups)

    def stats(self) -> dict:
        """Ground truth for tests: counts per outlet and the multi-outlet stories."""
        outlets = {}
        for key, info in OUTLETS.items():
            heads = self.outlet_headlines(key)
            outlets[key] = {
                "name": info["name"],
                "headlines": len(heads),
                "articles": len(self.outlet_articles(key)),
                "headline_only": sum(h.is_brief for h in heads),
                "entry_points": ENTRY_POINTS[key],
            }
        events = self.events()
        return {
            "outlets": outlets,
            "headlines": len(self.headlines),
            "distinct_headlines": len({h.headline for h in self.headlines}),
            "articles": len(self.articles),
            "events": events,
            "multi_outlet_stories": len(events),
            "verbatim_copies": {a.id: a.body_from for a in self.articles if a.body_from},
            "languages": {a.id: a.lang for a in self.articles if a.lang != "en"},
            "courier_headline_selector": COURIER_HEADLINE_SELECTOR,
            "disallowed_paths": ["/courier/private/"],
        }

    # ------------------------------------------------------------------ routing
    def render(self, path: str, base_url: str) -> Response:
        """Render ``path`` (query string ignored) with absolute links under ``base_url``."""
        base = base_url.rstrip("/")
        clean = urlsplit(path).path or "/"
        if clean != "/":
            clean = clean.rstrip("/")
        handler = self._routes.get(clean)
        if handler is None:
            body = NOT_FOUND_PAGE.format(path=esc(clean))
            return 404, HTML, body.encode()
        return handler(base)

    def paths(self) -> list[str]:
        return sorted(self._routes)

    def _add(self, path: str, content_type: str, fn: Callable[[str], str | bytes]) -> None:
        def handler(base: str) -> Response:
            body = fn(base)
            return 200, content_type, body if isinstance(body, bytes) else body.encode()

        self._routes[path] = handler

    def _register(self) -> None:
        self._add("/", HTML, self._index)
        self._add("/robots.txt", TEXT, syndication.robots)
        self._register_meridian()
        self._register_harbour()
        self._register_courier()
        for a in self.articles:
            self._add(a.image_path, SVG, lambda base, a=a: placeholder_svg(a.section.title()))
        self._add("/meridian/img/logo.svg", SVG, lambda base: placeholder_svg("Meridian Wire"))
        for h in self.headlines:
            if h.is_brief:
                self._add(h.path, HTML, lambda b, h=h: brief_page(h.headline, b + h.article.path))

    def _index(self, base: str) -> str:
        items = []
        for key, info in OUTLETS.items():
            items.append(f'<li><a href="{base}/{key}/">{esc(info["name"])}</a></li>')
        return INDEX_PAGE.format(items="\n".join(items))

    def _register_meridian(self) -> None:
        heads = self.outlet_headlines("meridian")
        self._add("/meridian/rss.xml", RSS, lambda b: syndication.rss(heads, b, self.anchor))
        self._add("/meridian/atom.xml", ATOM, lambda b: syndication.atom(heads, b, self.anchor))
        self._register_pages("meridian", meridian, "Latest news")

    def _register_harbour(self) -> None:
        heads = self.outlet_headlines("harbour")
        latest = max(a.modified or a.published for a in self.outlet_articles("harbour"))
        self._add("/harbour/sitemap.xml", XML, lambda b: syndication.sitemap_index(b, latest))
        self._add("/harbour/news-sitemap.xml", XML, lambda b: syndication.news_sitemap(heads, b))
        self._register_pages("harbour", harbour, "Top stories")

    def _register_pages(self, outlet: str, templates, front_title: str) -> None:
        """Front page, section pages, articles and static pages of an outlet whose template
        module has ``listing_page``, ``article_page`` and ``static_page``."""
        heads = self.outlet_headlines(outlet)
        self._add(f"/{outlet}", HTML, lambda b: templates.listing_page(front_title, heads, b))
        for section in OUTLETS[outlet]["sections"]:
            items = self.outlet_headlines(outlet, section)
            self._add(
                f"/{outlet}/{section}",
                HTML,
                lambda b, s=section, i=items: templates.listing_page(s.title(), i, b),
            )
        for a in self.outlet_articles(outlet):
            self._add(a.path, HTML, lambda b, a=a: templates.article_page(a, self.related(a), b))
        for key, title in STATIC_PAGES.items():
            self._add(f"/{outlet}/{key}.html", HTML, lambda b, t=title: templates.static_page(t, b))

    def _register_courier(self) -> None:
        heads = self.outlet_headlines("courier")
        arts = self.outlet_articles("courier")
        top = self.most_read("courier")
        self._add("/courier", HTML, lambda b: courier.front_page(heads, top, b))
        self._add("/courier/style.css", CSS, lambda b: courier.STYLESHEET)
        self._add(courier.PRIVATE_PATH, HTML, courier.private_page)
        for section in OUTLETS["courier"]["sections"]:
            items = self.outlet_headlines("courier", section)
            self._add(
                f"/courier/{section}",
                HTML,
                lambda b, s=section, i=items: courier.section_page(s, i, top, b),
            )
        for a in arts:
            self._add(a.path, HTML, lambda b, a=a: courier.article_page(a, self.related(a), top, b))
        for key, title in STATIC_PAGES.items():
            self._add(
                f"/courier/{key}.html", HTML, lambda b, t=title: courier.static_page(t, top, b)
            )
