"""Meridian Wire: a wire-service layout with JSON-LD NewsArticle metadata."""

from __future__ import annotations

import json

from .common import STATIC_PAGES, esc, iso, long_date
from .model import Article, Headline
from .stories import OUTLETS

NAME = OUTLETS["meridian"]["name"]
SECTIONS = OUTLETS["meridian"]["sections"]

STYLE = """
body{font-family:Georgia,serif;margin:0;color:#1b1b1b}
.mw-masthead{background:#0b2545;color:#fff;padding:12px 24px}
.mw-logo{color:#fff;font-size:28px;text-decoration:none}
.mw-nav ul{list-style:none;display:flex;gap:16px;padding:0}
.mw-nav a{color:#cfe0f5}
.mw-main{display:grid;grid-template-columns:3fr 1fr;gap:32px;max-width:1100px;margin:auto}
.mw-kicker{text-transform:uppercase;font-size:13px;letter-spacing:.08em}
.mw-footer{background:#eef1f5;padding:24px;font-size:13px}
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
<link rel="alternate" type="application/rss+xml" title="{name}" href="{base}/meridian/rss.xml">
<style>{style}</style>
</head>
<body class="mw">
<header class="mw-masthead">
  <a class="mw-logo" href="{base}/meridian/">{name}</a>
  <nav class="mw-nav" aria-label="Sections"><ul>
{nav}
  </ul></nav>
  <div class="mw-ticker">Markets &middot; Nikkei &#9650; &middot; Hang Seng &#9679;
   &middot; FTSE &#9650; &middot; Brent &#9660; &middot; Gold &#9650;</div>
</header>
<main class="mw-main">
{content}
</main>
<footer class="mw-footer">
  <p>&copy; {name}. Independent news from around the world, around the clock.</p>
  <ul class="mw-footer-links">
{footer}
  </ul>
  <p>All times are UTC. Reproduction without permission is prohibited.</p>
</footer>
</body>
</html>
"""

ARTICLE = """<div class="mw-column">
<article class="mw-story" id="story-{id}">
  <div class="mw-kicker"><a href="{base}/meridian/{section}/">{section_title}</a></div>
  <h1 class="mw-headline">{headline}</h1>
  <p class="mw-standfirst">{summary}</p>
  <div class="mw-meta">
    <span class="mw-byline">By {byline}</span>
    <span class="mw-time">{published_text}{modified_text}</span>
  </div>
  <figure class="mw-figure">
    <img src="{image}" alt="{headline}" width="1200" height="675">
    <figcaption>File photo. {name}</figcaption>
  </figure>
  <div class="mw-body">
{body}
  </div>
  <ul class="mw-tags">{tags}</ul>
  <p class="mw-standards"><a href="{base}/meridian/about.html">Our standards: the {name} Trust
   Principles.</a></p>
</article>
</div>
<div class="mw-rail">
  <aside class="mw-related">
    <h2>Related stories</h2>
    <ul>
{related}
    </ul>
  </aside>
  <section class="mw-newsletter">
    <h2>The Morning Briefing</h2>
    <p>Get the day's top stories from {name} in your inbox every morning.</p>
    <form action="{base}/meridian/contact.html" method="get">
      <input type="email" name="email" placeholder="Your email address">
      <button type="submit">Sign up</button>
    </form>
  </section>
</div>
"""


def _li(url: str, text: str, extra: str = "") -> str:
    return f'    <li><a href="{esc(url)}">{esc(text)}</a>{extra}</li>'


def page(base: str, title: str, content: str, head: str = "", lang: str = "en") -> str:
    nav = "\n".join(_li(f"{base}/meridian/{s}/", s.title()) for s in SECTIONS)
    footer = "\n".join(_li(f"{base}/meridian/{k}.html", v) for k, v in STATIC_PAGES.items())
    return PAGE.format(
        lang=lang,
        title=esc(title),
        head=head,
        name=NAME,
        base=base,
        style=STYLE,
        nav=nav,
        footer=footer,
        content=content,
    )


def json_ld(article: Article, base: str) -> str:
    url = base + article.path
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.summary,
        "datePublished": iso(article.published),
        "dateModified": iso(article.modified or article.published),
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "publisher": {
            "@type": "Organization",
            "name": NAME,
            "logo": {"@type": "ImageObject", "url": f"{base}/meridian/img/logo.svg"},
        },
        "articleSection": article.section.title(),
        "keywords": list(article.tags),
        "image": [base + article.image_path],
        "inLanguage": article.lang,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def article_page(article: Article, related: list[Article], base: str) -> str:
    url = base + article.path
    paragraphs = list(article.paragraphs)
    paragraphs[0] = f"{article.dateline} \u2014 {paragraphs[0]}"
    modified = ""
    if article.modified:
        modified = f" &middot; Updated {long_date(article.modified)} UTC"
    content = ARTICLE.format(
        id=article.id,
        base=base,
        name=NAME,
        section=article.section,
        section_title=article.section.title(),
        headline=esc(article.headline),
        summary=esc(article.summary),
        byline=esc(", ".join(article.authors)),
        published_text=f"{long_date(article.published)} UTC",
        modified_text=modified,
        image=esc(base + article.image_path),
        body="\n".join(f"    <p>{esc(p)}</p>" for p in paragraphs),
        tags="".join(f"<li>{esc(t)}</li>" for t in article.tags),
        related="\n".join(_li(base + r.path, r.headline) for r in related),
    )
    head = f'<link rel="canonical" href="{esc(url)}">\n' + json_ld(article, base)
    return page(base, f"{article.headline} | {NAME}", content, head=head, lang=article.lang)


def listing_page(title: str, items: list[Headline], base: str) -> str:
    rows = []
    for item in items:
        rows.append(
            f'  <li class="mw-item"><a class="mw-item-link" href="{esc(base + item.path)}">'
            f"{esc(item.headline)}</a>"
            f'<span class="mw-item-time">{long_date(item.published)} UTC</span></li>'
        )
    content = (
        f'<div class="mw-column"><h1 class="mw-page-title">{esc(title)}</h1>\n'
        f'<ul class="mw-latest">\n' + "\n".join(rows) + "\n</ul></div>"
    )
    return page(base, f"{title} | {NAME}", content)


def static_page(title: str, base: str) -> str:
    content = (
        f'<div class="mw-column"><h1>{esc(title)}</h1>'
        f"<p>{NAME} is a fictional news agency used by the newsetl demo.</p></div>"
    )
    return page(base, f"{title} | {NAME}", content)
