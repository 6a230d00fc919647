"""A generated news site that looks like the real thing, for the end-to-end benchmark
(tests/benchmarks/bench_e2e.py): :class:`~bigsite.BigSite` with article pages of 50-200 KB
in three templates (a broadsheet, a script-heavy web app, a blog) and the three kinds of
entry point that lead to them.

Every page follows from its number and the site's seed: the same site serves the same bytes.
The articles are shared out among the entry points: one in three is announced by an RSS
feed (``/feeds/K.xml``, ``PER_FEED`` items each), one in three by a listing page
(``/latest/K.html``, ``PER_LISTING`` headlines each) and the rest by the sitemaps, so a
feeds, a listing and a sitemaps crawl in turn fetch every article once.

The prose is generated in the style of wire copy from sentence patterns; the bulk of a page
is what surrounds it on real sites: inline CSS and scripts, navigation, related links,
comments, a JSON state blob, JSON-LD and meta tags.
"""

from __future__ import annotations

import json
import random
from email.utils import format_datetime
from html import escape
from pathlib import Path

from bigsite import BigSite, sources_file

PER_FEED = 200
PER_LISTING = 100
KINDS = ("feed", "listing", "sitemap")  # article n is announced by KINDS[n % 3]
TEMPLATES = ("broadsheet", "app", "blog")  # article n uses TEMPLATES[(n // 3) % 3]
MIN_BYTES, MAX_BYTES = 50_000, 200_000

PLACES = (
    "LONDON BRUSSELS MADRID LISBON DUBLIN OSLO HELSINKI WARSAW PRAGUE VIENNA ATHENS ROME "
    "NAIROBI LAGOS ACCRA CAIRO MUMBAI DHAKA JAKARTA MANILA SEOUL TOKYO SYDNEY AUCKLAND "
    "OTTAWA TORONTO CHICAGO DENVER AUSTIN BOGOTA LIMA SANTIAGO"
).split()
ORGS = (
    "the central bank|the finance ministry|the port authority|the city council|the regional "
    "government|the transport regulator|the national statistics office|the energy watchdog|"
    "the teachers' union|the health service|the competition authority|the supreme court|"
    "the electoral commission|the water utility|the farmers' federation|the airline"
).split("|")
FIRST = "Maria James Aiko Olu Priya Lars Elena Tomas Grace Samir Ines Pieter Nadia Kofi".split()
LAST = "Okafor Lindqvist Moreau Tanaka Haddad Novak Castillo Byrne Mensah Kowalski Sato".split()
ROLES = (
    "a spokesperson|the chief economist|a senior official|the minister|the chair|an analyst|"
    "the mayor|a union representative|the head of research|a director"
).split("|")
TOPICS = (
    "inflation|housing costs|rail fares|grid capacity|the water supply|school funding|"
    "hospital waiting lists|fishing quotas|airport expansion|the minimum wage|flood defences|"
    "the budget deficit|bus services|broadband coverage|port congestion|food prices"
).split("|")
VERBS = "raise|cut|review|freeze|delay|expand|scrap|overhaul|extend|suspend".split("|")
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October".split()
SECTIONS = "World Business Politics Science Health Climate Technology Sport Culture".split()
SENTENCES = (
    "{org_} said on {day} it would {verb} its plans for {topic}, a move that could affect "
    "about {n},000 households over the coming {months} months.",
    '"We cannot {verb} {topic} without a clear plan and the money to pay for it," said '
    "{person}, {role} at {org}.",
    "Figures published by {org} showed spending on {topic} rose {pct} percent in {month}, "
    "the fastest pace in {years} years.",
    "The decision follows months of talks over {topic}, which {org} has said it will "
    "{verb} if costs keep climbing.",
    "{person}, {role} at {org}, told reporters the first changes would come into force "
    "by {month} and that further steps were under review.",
    "Critics said the proposals did little for {topic} and warned that {org} had "
    "underestimated the cost by as much as {n} million.",
    "Opposition lawmakers called for an inquiry into {topic} after {org} confirmed that "
    "{n} complaints had been filed since {month}.",
    "Shares in companies exposed to {topic} fell {pct} percent in early trading before "
    "recovering some ground by the close.",
    "A report due in {month} is expected to set out how {org} will {verb} support for "
    "{topic} in the {years} years to come.",
    "{org_} declined to comment on the timing but said talks with {org2} were continuing.",
    "Residents in {city} have complained for years about {topic}, according to a survey "
    "of {n},000 people published on {day}.",
    "The measures will be reviewed after {months} months, {person} said, adding that "
    "{org2} had agreed to share its data.",
)


def _fill(rng: random.Random, pattern: str) -> str:
    org = rng.choice(ORGS)
    return pattern.format(
        org=org,
        org_=org[0].upper() + org[1:],
        org2=rng.choice(ORGS),
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES),
        topic=rng.choice(TOPICS),
        verb=rng.choice(VERBS),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        city=rng.choice(PLACES).title(),
        n=rng.randint(2, 950),
        pct=f"{rng.randint(1, 19)}.{rng.randint(0, 9)}",
        months=rng.randint(2, 18),
        years=rng.randint(3, 40),
    )


def _paragraphs(rng: random.Random, place: str) -> list[str]:
    paragraphs = [
        " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(8, 26))
    ]
    paragraphs[0] = f"{place} (Newsetl Wire) - {paragraphs[0]}"
    return paragraphs


def _filler(seed: int, size: int) -> str:
    """Minified-looking script of about ``size`` characters (one per template, cut to
    length per page): what most of a real article page's bytes are."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 3)))
        part = (
            f"function {name}{total}(e,t){{var n=e.{rng.choice(('map', 'filter', 'reduce'))}"
            f"(function(r){{return r.{name}!==t&&r.id>{rng.randint(0, 99999)}}});"
            f'return n.length?n[0]:{{id:{rng.randint(0, 99999)},k:"{name}"}}}}'
        )
        parts.append(part)
        total += len(part)
    return "".join(parts)


def _css(seed: int, rules: int) -> str:
    rng = random.Random(seed)
    return "".join(
        f".c-{rng.getrandbits(24):06x}{{margin:{rng.randint(0, 32)}px;padding:0 "
        f"{rng.randint(0, 24)}px;color:#{rng.getrandbits(24):06x};"
        f"font-size:{rng.randint(10, 40)}px;display:{rng.choice(('flex', 'block', 'grid'))}}}"
        for _ in range(rules)
    )


class NewsSite(BigSite):
    def __init__(self, pages: int, seed: int = 0, now=None):
        super().__init__(pages, now)
        self.seed = seed
        self.numbers = {kind: [n for n in range(pages) if KINDS[n % 3] == kind] for kind in KINDS}
        self.css = {t: _css(seed * 31 + i, 300) for i, t in enumerate(TEMPLATES)}
        self.script = {t: _filler(seed * 37 + i, MAX_BYTES) for i, t in enumerate(TEMPLATES)}

    # entry points

    def sitemap_numbers(self) -> list[int]:
        return self.numbers["sitemap"]

    def feed_paths(self) -> list[str]:
        return [f"/feeds/{k}.xml" for k in range(_chunks(self.numbers["feed"], PER_FEED))]

    def listing_paths(self) -> list[str]:
        return [f"/latest/{k}.html" for k in range(_chunks(self.numbers["listing"], PER_LISTING))]

    def sources_file(self, path: Path, base: str, **fields) -> Path:
        """``sources_file`` of the site: its feeds, listing pages and sitemap index."""
        return sources_file(
            path,
            base,
            feeds=[base + p for p in self.feed_paths()],
            listings=[base + p for p in self.listing_paths()],
            sitemap_window_days=3650,
            **fields,
        )

    def render(self, path: str, base: str) -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            with self.lock:
                self.fetches[path] += 1
            return (
                200,
                "text/plain",
                f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n".encode(),
            )
        for prefix, suffix, page in (
            ("/feeds/", ".xml", self.feed),
            ("/latest/", ".html", self.listing),
        ):
            if path.startswith(prefix) and path.endswith(suffix):
                with self.lock:
                    self.fetches[path] += 1
                k = int(path.removeprefix(prefix).removesuffix(suffix))
                content_type, body = page(k, base)
                return 200, content_type, body.encode()
        return super().render(path, base)

    def feed(self, k: int, base: str) -> tuple[str, str]:
        items = "".join(
            f"<item><title>{escape(self.headline(n))}</title>"
            f'<link>{base}{self.path(n)}</link><guid isPermaLink="false">story-{n}</guid>'
            f"<pubDate>{format_datetime(self.published(n))}</pubDate>"
            f"<description>{escape(self.standfirst(n))}</description></item>"
            for n in self.numbers["feed"][k * PER_FEED : (k + 1) * PER_FEED]
        )
        return "application/rss+xml", (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Newsetl Wire: latest {k}</title><link>{base}/</link>"
            f"<description>Latest stories</description>{items}</channel></rss>"
        )

    def listing(self, k: int, base: str) -> tuple[str, str]:
        numbers = self.numbers["listing"][k * PER_LISTING : (k + 1) * PER_LISTING]
        cards = "".join(
            f'<li class="card"><a href="{self.path(n)}"><h3>{escape(self.headline(n))}</h3>'
            f"</a><p>{escape(self.standfirst(n))}</p></li>"
            for n in numbers
        )
        return "text/html; charset=utf-8", (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Latest news '
            f"{k} - Newsetl Wire</title><style>{self.css['broadsheet'][:4000]}</style></head>"
            f"<body>{self.nav()}<main><h1>Latest news</h1><ul>{cards}</ul></main></body></html>"
        )

    # article pages

    def path(self, n: int) -> str:
        return f"/news/{n}/story-{n}.html"

    def story(self, n: int) -> random.Random:
        return random.Random(f"{self.seed}:{n}")

    def headline(self, n: int) -> str:
        rng = self.story(n)
        return (
            f"{rng.choice(ORGS)[0].upper()}{rng.choice(ORGS)[1:]} to {rng.choice(VERBS)} "
            f"{rng.choice(TOPICS)} in {rng.choice(PLACES).title()} (story {n})"
        )

    def standfirst(self, n: int) -> str:
        return _fill(self.story(n), SENTENCES[0])

    def nav(self) -> str:
        links = "".join(f'<li><a href="/section/{s.lower()}/">{s}</a></li>' for s in SECTIONS)
        return (
            f'<header class="site-header"><a href="/">Newsetl Wire</a><nav><ul>{links}</ul></nav>'
            "</header>"
        )

    def article(self, n: int, base: str) -> str:
        rng = self.story(n)
        template = TEMPLATES[(n // 3) % len(TEMPLATES)]
        place = rng.choice(PLACES)
        story = {
            "n": n,
            "url": base + self.path(n),
            "headline": self.headline(n),
            "standfirst": self.standfirst(n),
            "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "section": rng.choice(SECTIONS),
            "tags": sorted({rng.choice(TOPICS) for _ in range(3)}),
            "published": self.published(n),
            "paragraphs": _paragraphs(rng, place),
            "related": [rng.randrange(self.pages) for _ in range(rng.randint(6, 16))],
            "comments": [
                (f"{rng.choice(FIRST)}{rng.randint(1, 99)}", _fill(rng, rng.choice(SENTENCES)))
                for _ in range(rng.randint(0, 40))
            ],
        }
        page = getattr(self, template)(story)
        target = rng.randint(MIN_BYTES, MAX_BYTES)
        pad = self.script[template][: max(0, target - len(page.encode()))]
        return page.replace("</body>", f"<script>{pad}</script></body>")

    def related(self, story: dict) -> str:
        return "".join(
            f'<li><a href="{self.path(r)}">{escape(self.headline(r))}</a></li>'
            for r in story["related"]
        )

    def comments(self, story: dict, tag: str = "div") -> str:
        return "".join(
            f'<{tag} class="comment"><span class="comment-author">{name}</span>'
            f"<p>{escape(text)}</p></{tag}>"
            for name, text in story["comments"]
        )

    def jsonld(self, story: dict, graph: bool = False) -> str:
        article = {
            "@type": "NewsArticle",
            "headline": story["headline"],
            "description": story["standfirst"],
            "datePublished": story["published"].isoformat(),
            "dateModified": story["published"].isoformat(),
            "author": [{"@type": "Person", "name": story["author"]}],
            "publisher": {"@type": "Organization", "name": "Newsetl Wire"},
            "articleSection": story["section"],
            "keywords": story["tags"],
            "mainEntityOfPage": story["url"],
        }
        crumbs = {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home"},
                {"@type": "ListItem", "position": 2, "name": story["section"]},
            ],
        }
        data = (
            {"@context": "https://schema.org", "@graph": [article, crumbs]}
            if graph
            else {"@context": "https://schema.org"} | article
        )
        return f'<script type="application/ld+json">{json.dumps(data)}</script>'

    def broadsheet(self, s: dict) -> str:
        """Classic markup: <article>, a byline link, <time>, JSON-LD, a comments section."""
        title = escape(s["headline"])
        date = s["published"]
        body = "".join(f"<p>{escape(p)}</p>" for p in s["paragraphs"])
        return (
            f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>{title} | Newsetl Wire</title>"
            f'<meta name="description" content="{escape(s["standfirst"])}">'
            f'<link rel="canonical" href="{s["url"]}">'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="og:type" content="article">{self.jsonld(s)}'
            f"<style>{self.css['broadsheet']}</style>"
            f"<script>window.dataLayer=window.dataLayer||[];</script></head><body>{self.nav()}"
            f'<main><nav class="breadcrumb"><a href="/">Home</a> / '
            f'<a href="/section/{s["section"].lower()}/">{s["section"]}</a></nav>'
            f'<article class="story"><h1 class="headline">{title}</h1>'
            f'<p class="standfirst">{escape(s["standfirst"])}</p>'
            f'<div class="byline">By <a rel="author" href="/authors/{s["n"]}">{s["author"]}</a>'
            f' <time datetime="{date.isoformat()}">{date:%d %B %Y, %H:%M} UTC</time></div>'
            f'<figure><img src="/img/{s["n"]}.jpg" alt=""><figcaption>File photo.</figcaption>'
            f'</figure><div class="story-body">{body}</div></article>'
            f'<aside class="related"><h2>Related</h2><ul>{self.related(s)}</ul></aside>'
            f'<section id="comments" class="comments"><h2>Comments</h2>{self.comments(s)}'
            f'</section></main><footer class="site-footer">{self.nav()}'
            f"<p>&copy; Newsetl Wire</p></footer></body></html>"
        )

    def app(self, s: dict) -> str:
        """A script-heavy web app: no lang attribute, div soup, JSON-LD in a @graph, the
        article again in a JSON state blob, the date only in meta tags."""
        title = escape(s["headline"])
        body = "".join(
            f'<div class="ArticleBody_block__x{i % 7}"><p class="Paragraph_p__3k">{escape(p)}</p>'
            f"</div>"
            for i, p in enumerate(s["paragraphs"])
        )
        state = json.dumps(
            {
                "props": {
                    "page": {k: s[k] for k in ("n", "url", "headline", "author", "section")},
                    "content": s["paragraphs"],
                    "related": [{"id": r, "href": self.path(r)} for r in s["related"]],
                }
            }
        )
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="og:url" content="{s["url"]}">'
            f'<meta property="article:published_time" content="{s["published"].isoformat()}">'
            f'<meta name="author" content="{s["author"]}">{self.jsonld(s, graph=True)}'
            f'<style>{self.css["app"]}</style></head><body><div id="__next">'
            f'<div class="Layout_root__1"><div class="Header_wrap__2">{self.nav()}</div>'
            f'<div class="Article_root__9"><div class="Article_head__4"><h1>{title}</h1>'
            f'<div class="Byline_name__6">{s["author"]}</div></div>'
            f'<div class="Article_body__7">{body}</div>'
            f'<div class="Recirc_list__8"><ul>{self.related(s)}</ul></div>'
            f'<div class="Comments_root__5">{self.comments(s)}</div></div></div></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{state}</script></body></html>'
        )

    def blog(self, s: dict) -> str:
        """WordPress-like: entry-content, the date only as text in the post's header, tags
        as links, a comment list."""
        title = escape(s["headline"])
        body = "".join(f"<p>{escape(p)}</p>" for p in s["paragraphs"])
        tags = "".join(
            f'<a href="/tag/{t.replace(" ", "-")}/" rel="tag">{t}</a> ' for t in s["tags"]
        )
        return (
            f'<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">'
            f"<title>{title} &#8211; Newsetl Wire</title>"
            f'<link rel="canonical" href="{s["url"]}">'
            f'<style>{self.css["blog"]}</style></head><body class="single-post">{self.nav()}'
            f'<div id="primary"><article class="post type-post"><header class="entry-header">'
            f'<h1 class="entry-title">{title}</h1><div class="entry-meta">'
            f'<span class="posted-on">Posted on {s["published"]:%B %d, %Y}</span> '
            f'<span class="author vcard">by {s["author"]}</span></div></header>'
            f'<div class="entry-content">{body}</div><footer class="entry-footer">'
            f'<span class="tags-links">{tags}</span></footer></article>'
            f'<nav class="related-posts"><ul>{self.related(s)}</ul></nav>'
            f'<div id="comments"><ol class="comment-list">{self.comments(s, "li")}</ol></div>'
            f'</div><aside id="secondary" class="widget-area">{self.nav()}</aside></body></html>'
        )


def _chunks(items: list, size: int) -> int:
    return (len(items) + size - 1) // size
