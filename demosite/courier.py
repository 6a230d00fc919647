"""The Daily Courier: bare pages (no JSON-LD, no Open Graph, no canonical link)."""

from __future__ import annotations

import zlib

from .common import STATIC_PAGES, esc, join_names, long_date
from .model import Article, Headline
from .stories import OUTLETS

NAME = OUTLETS["courier"]["name"]
SECTIONS = OUTLETS["courier"]["sections"]
SECTION_TITLES = {"uk": "UK"}
PRIVATE_PATH = "/courier/private/secret.html"

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{base}/courier/style.css">
</head>
<body>
<div id="page">
<div id="top">
  <div class="logo"><a href="{base}/courier/">{name}</a></div>
  <div class="strap">Est. 1884 &bull; Truth without fear</div>
  <ul id="menu">
    <li><a href="{base}/courier/">Home</a></li>
{nav}
  </ul>
  <form class="search" action="{base}/courier/" method="get"><input name="q"
   placeholder="Search the Courier"></form>
</div>
<div id="content">
{content}
</div>
<div id="sidebar">
{sidebar}
</div>
<div id="footer">
  <ul class="footer-links">
{footer}
  </ul>
  <p>&copy; {name}. Printed and published in London.</p>
</div>
</div>
</body>
</html>
"""

ARTICLE = """<div class="story">
  <p class="section-label"><a href="{base}/courier/{section}/">{section_title}</a></p>
  <h1>{headline}</h1>
  <p class="byline">By {byline}</p>
  {date}
  <div class="storytext">
{body}
  </div>
  <div class="related">
    <h4>Related stories</h4>
    <ul>
{related}
    </ul>
  </div>
  <div class="newsletter-box">
    <strong>Never miss a story.</strong> Sign up for the Courier Daily newsletter, free every
    weekday morning. <a href="{base}/courier/contact.html">Subscribe</a>
  </div>
</div>
"""

TEASER = """  <div class="teaser">
    <h2 class="headline"><a href="{url}">{headline}</a></h2>
{summary}    <span class="when">{when}</span>
  </div>"""


def section_title(section: str) -> str:
    return SECTION_TITLES.get(section, section.title())


def most_read_box(most_read: list[Article], base: str) -> str:
    items = "\n".join(
        f'    <li><a href="{esc(base + a.path)}?ref=mostread">{esc(a.headline)}</a></li>'
        for a in most_read
    )
    return f'<div class="most-read">\n  <h3>Most read</h3>\n  <ol>\n{items}\n  </ol>\n</div>'


def page(
    base: str,
    title: str,
    content: str,
    most_read: list[Article],
    lang: str = "en",
    extra_sidebar: str = "",
) -> str:
    nav = "\n".join(
        f'    <li><a href="{base}/courier/{s}/">{esc(section_title(s))}</a></li>' for s in SECTIONS
    )
    footer = "\n".join(
        f'    <li><a href="{base}/courier/{k}.html">{esc(v)}</a></li>'
        for k, v in STATIC_PAGES.items()
    )
    return PAGE.format(
        lang=lang,
        title=esc(title),
        base=base,
        name=NAME,
        nav=nav,
        footer=footer,
        content=content,
        sidebar=most_read_box(most_read, base) + extra_sidebar,
    )


def date_html(article: Article) -> str:
    """Visible publication date; about half of the pages also wrap it in <time datetime>."""
    text = f"Published {long_date(article.published)} GMT"
    if zlib.crc32(article.id.encode()) % 2:
        stamp = article.published.strftime("%Y-%m-%dT%H:%M:%SZ")
        return f'<p class="dateline"><time datetime="{stamp}">{text}</time></p>'
    return f'<p class="dateline">{text}</p>'


def article_page(
    article: Article, related: list[Article], most_read: list[Article], base: str
) -> str:
    paragraphs = list(article.paragraphs)
    paragraphs[0] = f"{article.dateline} \u2014 {paragraphs[0]}"
    byline = join_names(article.authors)
    if article.credit:
        byline += f" ({article.credit})"
    content = ARTICLE.format(
        base=base,
        section=article.section,
        section_title=esc(section_title(article.section)),
        headline=esc(article.headline),
        byline=esc(byline),
        date=date_html(article),
        body="\n".join(f"    <p>{esc(p)}</p>" for p in paragraphs),
        related="\n".join(
            f'      <li><a href="{esc(base + r.path)}">{esc(r.headline)}</a></li>' for r in related
        ),
    )
    title = f"{NAME} | {section_title(article.section)}"
    return page(base, title, content, most_read, lang=article.lang)


def _teaser(item: Headline, base: str) -> str:
    return TEASER.format(
        url=esc(base + item.path),
        headline=esc(item.headline),
        summary=""
        if item.is_brief
        else f'    <p class="standfirst">{esc(item.article.summary)}</p>\n',
        when=f"{item.published:%H:%M} GMT",
    )


def front_page(items: list[Headline], most_read: list[Article], base: str) -> str:
    """Headlines grouped by section; section titles are h2 too, but not ``h2.headline``."""
    blocks = []
    for section in SECTIONS:
        teasers = [_teaser(i, base) for i in items if i.section == section]
        if not teasers:
            continue
        blocks.append(
            f'<div class="section-block">\n  <h2 class="section-title"><a '
            f'href="{base}/courier/{section}/">{esc(section_title(section))}</a></h2>\n'
            + "\n".join(teasers)
            + "\n</div>"
        )
    staff = f'\n<div class="staff-box"><a href="{base}{PRIVATE_PATH}">Staff login</a></div>'
    return page(base, f"{NAME} | Front page", "\n".join(blocks), most_read, extra_sidebar=staff)


def section_page(section: str, items: list[Headline], most_read: list[Article], base: str) -> str:
    title = section_title(section)
    content = f'<h1 class="page-title">{esc(title)}</h1>\n' + "\n".join(
        _teaser(i, base) for i in items
    )
    return page(base, f"{NAME} | {title}", content, most_read)


def static_page(title: str, most_read: list[Article], base: str) -> str:
    content = (
        f"<h1>{esc(title)}</h1>\n<p>{NAME} is a fictional newspaper used by the newsetl demo.</p>"
    )
    return page(base, f"{NAME} | {title}", content, most_read)


def private_page(base: str) -> str:
    content = (
        "<h1>Staff area</h1>\n<p>Internal planning notes. Crawlers that respect robots.txt never "
        "see this page.</p>"
    )
    return page(base, f"{NAME} | Staff", content, [])


STYLESHEET = """body{font-family:Times,serif;background:#fffdf7}
#page{width:960px;margin:auto}
#top .logo a{font-family:'Old English Text MT',serif;font-size:44px;color:#000}
#menu li{display:inline;margin-right:10px}
#content{float:left;width:640px}
#sidebar{float:right;width:280px}
#footer{clear:both;border-top:1px solid #000}
h2.headline a{color:#000;text-decoration:none}
"""
