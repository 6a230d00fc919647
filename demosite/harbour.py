"""Harbour Times: metadata only in Open Graph / article:* meta tags, times in HKT (+08:00)."""

from __future__ import annotations

from .common import STATIC_PAGES, esc, iso, join_names, short_date
from .model import Article, Headline
from .stories import OUTLETS

NAME = OUTLETS["harbour"]["name"]
SECTIONS = OUTLETS["harbour"]["sections"]

STYLE = """
body{font-family:Helvetica,Arial,sans-serif;margin:0;background:#fafafa}
#ht-top{border-bottom:4px solid #c8102e;padding:8px 20px}
.ht-brand{font-weight:700;font-size:30px;color:#c8102e;text-decoration:none}
.ht-menu a{margin-right:12px;color:#333}
.ht-wrap{max-width:980px;margin:auto;background:#fff;padding:20px}
.ht-comments{border-top:1px solid #ddd;margin-top:30px}
#ht-bottom{background:#222;color:#bbb;padding:20px}
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}" prefix="og: https://ogp.me/ns# article: https://ogp.me/ns/article#">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
{head}
<style>{style}</style>
</head>
<body>
<div id="ht-top">
  <a class="ht-brand" href="{base}/harbour/">{name}</a>
  <span class="ht-tagline">Hong Kong &amp; Asia since 1921</span>
  <div class="ht-menu" role="navigation">
{nav}
  </div>
  <div class="ht-weather">Hong Kong 24&deg;C &middot; Humidity 78%</div>
</div>
<div class="ht-wrap">
{content}
</div>
<div id="ht-bottom">
  <div class="ht-links">
{footer}
  </div>
  <p class="ht-copy">Copyright &copy; {name} Publishers Ltd. All rights reserved.</p>
</div>
</body>
</html>
"""

META = """<link rel="canonical" href="{url}">
<meta name="description" content="{summary}">
<meta name="author" content="{authors}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{name}">
<meta property="og:title" content="{headline}">
<meta property="og:url" content="{url}">
<meta property="og:description" content="{summary}">
<meta property="og:image" content="{image}">
<meta property="og:locale" content="{locale}">
<meta property="article:published_time" content="{published}">
<meta property="article:modified_time" content="{modified}">
<meta property="article:section" content="{section_title}">
{tag_meta}"""

ARTICLE = """<div class="ht-breadcrumb"><a href="{base}/harbour/">Home</a> &rsaquo;
  <a href="{base}/harbour/{section}/">{section_title}</a></div>
<div class="ht-story">
  <div class="ht-story-head">
    <h1 class="ht-title">{headline}</h1>
    <h2 class="ht-deck">{summary}</h2>
    <div class="ht-info">
      <span class="ht-author">{byline}</span>
      <span class="ht-date">Published: {published_text} HKT</span>{modified_text}
    </div>
    <div class="ht-share">Share: <a href="#">Facebook</a> <a href="#">X</a>
     <a href="#">WhatsApp</a> <a href="#">Email</a></div>
  </div>
  <div class="ht-hero"><img src="{image}" alt=""><span class="ht-credit">Photo: handout</span></div>
  <div class="ht-story-content">
{body}
  </div>
  <div class="ht-topics">Topics: {tags}</div>
</div>
<div class="ht-more">
  <h3>Related stories</h3>
{related}
</div>
<div class="ht-comments" id="comments">
  <h3>Comments (3)</h3>
  <div class="ht-comment"><b>harbourwatcher</b> <i>2 hours ago</i>
    <p>Interesting read, but I would like to see more numbers on this.</p></div>
  <div class="ht-comment"><b>KT_Lee</b> <i>1 hour ago</i>
    <p>Same story every year. When will anyone actually act on it?</p></div>
  <div class="ht-comment"><b>expat_in_sai_kung</b> <i>35 minutes ago</i>
    <p>Thanks for the clear reporting, shared with my colleagues.</p></div>
  <form class="ht-comment-form"><textarea name="comment"
   placeholder="Log in to join the conversation"></textarea></form>
</div>
"""


def page(base: str, title: str, content: str, head: str = "", lang: str = "en") -> str:
    nav = "\n".join(f'    <a href="{base}/harbour/{s}/">{esc(s.title())}</a>' for s in SECTIONS)
    footer = "\n".join(
        f'    <a href="{base}/harbour/{k}.html">{esc(v)}</a>' for k, v in STATIC_PAGES.items()
    )
    return PAGE.format(
        lang=lang,
        title=esc(title),
        head=head,
        style=STYLE,
        base=base,
        name=NAME,
        nav=nav,
        footer=footer,
        content=content,
    )


def article_page(article: Article, related: list[Article], base: str) -> str:
    url = base + article.path
    published = article.local(article.published)
    modified = article.local(article.modified or article.published)
    authors = join_names(article.authors)
    byline = f"By {authors}" + (f" / {article.credit}" if article.credit else "")
    paragraphs = list(article.paragraphs)
    paragraphs[0] = f"{article.dateline} \u2014 {paragraphs[0]}"
    head = META.format(
        url=esc(url),
        summary=esc(article.summary),
        authors=esc(", ".join(article.authors)),
        name=NAME,
        headline=esc(article.headline),
        image=esc(base + article.image_path),
        locale={"fr": "fr_FR", "es": "es_ES"}.get(article.lang, "en_GB"),
        published=iso(published),
        modified=iso(modified),
        section_title=esc(article.section.title()),
        tag_meta="\n".join(
            f'<meta property="article:tag" content="{esc(t)}">' for t in article.tags
        ),
    )
    modified_text = ""
    if article.modified:
        modified_text = (
            f'\n      <span class="ht-updated">Updated: {short_date(modified)} HKT</span>'
        )
    content = ARTICLE.format(
        base=base,
        section=article.section,
        section_title=esc(article.section.title()),
        headline=esc(article.headline),
        summary=esc(article.summary),
        byline=esc(byline),
        published_text=short_date(published),
        modified_text=modified_text,
        image=esc(base + article.image_path),
        body="\n".join(f"    <p>{esc(p)}</p>" for p in paragraphs),
        tags=", ".join(esc(t) for t in article.tags),
        related="\n".join(
            f'  <div class="ht-more-item"><a href="{esc(base + r.path)}">{esc(r.headline)}</a>'
            "</div>"
            for r in related
        ),
    )
    return page(base, f"{article.headline} - {NAME}", content, head=head, lang=article.lang)


def listing_page(title: str, items: list[Headline], base: str) -> str:
    cards = []
    for item in items:
        a = item.article
        cards.append(
            f'  <div class="ht-card"><h3 class="ht-card-title"><a href="{esc(base + item.path)}">'
            f'{esc(item.headline)}</a></h3><p class="ht-card-deck">{esc(a.summary)}</p></div>'
        )
    content = f'<h1 class="ht-section-title">{esc(title)}</h1>\n' + "\n".join(cards)
    return page(base, f"{title} - {NAME}", content)


def static_page(title: str, base: str) -> str:
    content = (
        f"<h1>{esc(title)}</h1><p>{NAME} is a fictional newspaper used by the newsetl demo.</p>"
    )
    return page(base, f"{title} - {NAME}", content)
