"""What the outlets publish for machines: RSS 2.0 / Atom (Meridian), sitemaps (Harbour)
and robots.txt."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .common import iso
from .model import Headline
from .stories import OUTLETS

TRACKING = "?utm_source=rss&utm_medium=feed"


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def rss(items: list[Headline], base: str, built: datetime) -> str:
    """Meridian's RSS feed; item links carry tracking parameters, guids are clean."""
    name = OUTLETS["meridian"]["name"]
    entries = []
    for item in items:
        a = item.article
        url = base + item.path
        if item.is_brief:
            guid = f'<guid isPermaLink="false">meridian:{item.id}</guid>'
        else:
            guid = f'<guid isPermaLink="true">{_x(url)}</guid>'
        creators = "".join(f"<dc:creator>{_x(n)}</dc:creator>" for n in a.authors)
        entries.append(
            "  <item>\n"
            f"    <title>{_x(item.headline)}</title>\n"
            f"    <link>{_x(url + TRACKING)}</link>\n"
            f"    <description>{_x(a.summary)}</description>\n"
            f"    <pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>\n"
            f"    {guid}\n"
            f"    <category>{_x(a.section.title())}</category>\n"
            f"    {creators}\n"
            "  </item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "<channel>\n"
        f"  <title>{name}: Top News</title>\n"
        f"  <link>{_x(base)}/meridian/</link>\n"
        f"  <description>Latest headlines from {name}</description>\n"
        "  <language>en</language>\n"
        f"  <lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>\n"
        f'  <atom:link href="{_x(base)}/meridian/rss.xml" rel="self" '
        'type="application/rss+xml"/>\n' + "\n".join(entries) + "\n</channel>\n</rss>\n"
    )


def atom(items: list[Headline], base: str, built: datetime) -> str:
    name = OUTLETS["meridian"]["name"]
    entries = []
    for item in items:
        a = item.article
        url = base + item.path
        entry_id = f"tag:meridian.example,2026:{item.id}"
        updated = a.modified if (a.modified and not item.is_brief) else item.published
        authors = "".join(f"<author><name>{_x(n)}</name></author>" for n in a.authors)
        entries.append(
            "  <entry>\n"
            f"    <id>{entry_id}</id>\n"
            f"    <title>{_x(item.headline)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{_x(url)}"/>\n'
            f"    <published>{iso(item.published)}</published>\n"
            f"    <updated>{iso(updated)}</updated>\n"
            f"    <summary>{_x(a.summary)}</summary>\n"
            f'    <category term="{_x(a.section)}"/>\n'
            f"    {authors}\n"
            "  </entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{_x(base)}/meridian/</id>\n"
        f"  <title>{name}: Top News</title>\n"
        f"  <updated>{iso(built)}</updated>\n"
        f'  <link rel="self" href="{_x(base)}/meridian/atom.xml"/>\n'
        f'  <link rel="alternate" href="{_x(base)}/meridian/"/>\n'
        + "\n".join(entries)
        + "\n</feed>\n"
    )


def sitemap_index(base: str, lastmod: datetime) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "  <sitemap>\n"
        f"    <loc>{_x(base)}/harbour/news-sitemap.xml</loc>\n"
        f"    <lastmod>{iso(lastmod)}</lastmod>\n"
        "  </sitemap>\n"
        "</sitemapindex>\n"
    )


def news_sitemap(items: list[Headline], base: str) -> str:
    name = OUTLETS["harbour"]["name"]
    urls = []
    for item in items:
        a = item.article
        urls.append(
            "  <url>\n"
            f"    <loc>{_x(base + item.path)}</loc>\n"
            f"    <lastmod>{iso(a.local(a.modified or a.published))}</lastmod>\n"
            "    <news:news>\n"
            "      <news:publication>\n"
            f"        <news:name>{name}</news:name>\n"
            f"        <news:language>{a.lang}</news:language>\n"
            "      </news:publication>\n"
            f"      <news:publication_date>{iso(a.local(a.published))}</news:publication_date>\n"
            f"      <news:title>{_x(item.headline)}</news:title>\n"
            "    </news:news>\n"
            "  </url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(urls)
        + "\n</urlset>\n"
    )


def robots(base: str) -> str:
    return f"User-agent: *\nDisallow: /courier/private/\n\nSitemap: {base}/harbour/sitemap.xml\n"
