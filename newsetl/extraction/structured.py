"""Structured data of a page: JSON-LD (through extruct), <meta> tags and microdata props.

Everything is read from the one lxml tree the page was parsed into.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from extruct.jsonld import JsonLdExtractor

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "satiricalarticle",
        "scholarlyarticle",
        "report",
        "review",
    }
)
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
PAGE_TYPES = frozenset({"webpage", "itempage"})

_JSONLD = JsonLdExtractor()


def types_of(node: dict) -> set[str]:
    """Lower-cased local names of a JSON-LD node's @type (``schema:NewsArticle`` -> newsarticle)."""
    value = node.get("@type") or []
    if isinstance(value, str):
        value = [value]
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for t in value if t}


def _flatten(data, depth: int = 0) -> Iterator[dict]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement", "hasPart"):
            if key in data:
                yield from _flatten(data[key], depth + 1)


def jsonld_nodes(tree) -> list[dict]:
    """Every JSON-LD node of the page (``@graph`` and ``mainEntity`` unfolded)."""
    nodes: list[dict] = []
    for script in _JSONLD._xp_jsonld(tree):
        try:
            nodes.extend(_flatten(list(_JSONLD._extract_items(script))))
        except Exception as err:  # noqa: BLE001 - invalid JSON-LD is common; skip the script
            log.debug("invalid JSON-LD skipped: %s", err)
    return nodes


def main_article(nodes: list[dict]) -> dict | None:
    """The article node: the richest node with an article type."""
    best, best_score = None, -1
    for node in nodes:
        if not types_of(node) & ARTICLE_TYPES:
            continue
        score = sum(
            1
            for k in ("headline", "datePublished", "author", "articleBody", "image")
            if node.get(k)
        )
        if score > best_score:
            best, best_score = node, score
    return best


def main_page(nodes: list[dict]) -> dict | None:
    """A WebPage node, used for dates and names when no article node exists."""
    for node in nodes:
        if types_of(node) & PAGE_TYPES:
            return node
    return None


def meta_tags(tree) -> dict[str, list[str]]:
    """``<meta>`` contents keyed by lower-cased name / property / itemprop / http-equiv."""
    metas: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content.strip())
    return metas
