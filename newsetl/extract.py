"""Article extraction: one HTML page in, one :class:`~newsetl.items.Article` out.

``extract_article`` is a pure function: no Scrapy, network or database. Structured data
(JSON-LD, OpenGraph and other ``<meta>`` tags, microdata props) comes first, htmldate
finds a date where none is declared, and trafilatura extracts the main text (readability-lxml
as a referee; the headline and a date/byline line are kept out of the body). Per-source CSS
``selectors`` (keys ``title``, ``body``, ``authors``, ``published_at``) win over all that.
The field rules live in :mod:`newsetl.extraction`.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsetl.extraction.page import (
    MIN_WORDS_ARTICLE,
    MIN_WORDS_UNMARKED,
    SELECTOR_KEYS,
    ArticlePage,
)
from newsetl.items import Article

__all__ = ["SELECTOR_KEYS", "extract_article"]


def extract_article(
    html: str | bytes, url: str, *, selectors: Mapping[str, str] | None = None
) -> Article | None:
    """The article on ``html`` (fetched from ``url``), or None when the page is no article.

    A page is no article when it has no body, too little text for one, or is a listing:
    marked up as one (JSON-LD ``CollectionPage``, ``ItemList``...) or, with no article
    markup, a page whose text is mostly linked headlines.
    ``source`` and ``fetched_at`` are left None (the crawl sets them), and so are ``id`` and
    ``word_count``, which the normalise pipeline derives from the stored URL and body.
    """
    page = ArticlePage(html, url, selectors)
    if page.tree is None:
        return None
    if page.is_listing and not page.selectors.get("body"):
        return None
    body = page.body()
    if not body:
        return None
    title = page.title()
    # the headline repeated at the top of the body does not make a page an article
    text_words = sum(len(line.split()) for line in body.splitlines() if line != title)
    minimum = MIN_WORDS_ARTICLE if page.has_article_markup or page.selectors else MIN_WORDS_UNMARKED
    if text_words < minimum or (not page.selectors and page.looks_like_listing(body)):
        return None
    published_raw, published = page.published()
    modified_raw, modified = page.modified()
    return Article(
        url=url,
        canonical_url=page.canonical_url(),
        title=title,
        title_variants=page.title_variants(),
        description=page.description(),
        authors=page.authors(),
        published_at=published,
        published_at_raw=published_raw,
        published_at_source=page.published_at_source(),
        modified_at=modified,
        modified_at_raw=modified_raw,
        language=page.language(body),
        section=page.section(),
        tags=page.tags(),
        body=body,
        extracted_by=page.extracted_by(),
        image_url=page.image_url(),
    )
