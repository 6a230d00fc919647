"""Article body: trafilatura's main-text extraction, checked against JSON-LD articleBody,
with the headline and a leading date/byline line taken off the top.

How each rule was chosen (numbers on the development corpus): docs/EXTRACTION.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy

import trafilatura
from trafilatura.external import try_readability

from .score import TOKEN, shingle_scores
from .text import clean_lines, element_text


def trafilatura_body(tree, url: str | None, **options) -> str | None:
    """Main text of the page by trafilatura (the tree is copied, not modified)."""
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        output_format="txt",
        **options,
    )
    return clean_lines(text)


def readability_text(tree) -> str | None:
    """The main text by trafilatura's port of readability-lxml (on a copy of the tree): a
    second opinion, about a tenth of the cost of a trafilatura run."""
    summary = try_readability(deepcopy(tree))
    return clean_lines(element_text(summary)) if summary is not None else None


DISJOINT = 0.05  # at most this share of trafilatura's shingles in readability's text
REFEREE_AGREEMENT = 0.9  # below this F1 between balanced and readability, ask recall mode
REFEREE_MARGIN = 0.1  # recall mode must agree this much better with readability
PROSE_LINE_WORDS = 10  # a line of at least this many words is running text
PROSE_SHARE = 0.5  # a text with less than this share of its words in such lines is a menu


def prose_share(text: str | None) -> float:
    """Share of the words of ``text`` in lines of running text (``PROSE_LINE_WORDS`` or
    more): near 0 for a menu, a link list or a tag cloud, near 1 for an article."""
    counts = [len(line.split()) for line in (text or "").splitlines()]
    total = sum(counts)
    return sum(n for n in counts if n >= PROSE_LINE_WORDS) / total if total else 0.0


def main_text(tree, url: str | None) -> str | None:
    """trafilatura's balanced mode without its fallback extractors, readability-lxml as
    a referee.

    ``fast=True`` skips trafilatura's own readability/jusText fallback: on the development
    corpus that is faster and more accurate than the default, whose fallback swaps in
    boilerplate-heavy text on more pages than it rescues. The referee instead:

    - when trafilatura's text and readability's share (almost) nothing and readability's
      is longer, trafilatura latched onto a side block: readability's text is taken;
    - when they disagree and trafilatura's text is mostly short lines (it took a menu or
      a link list), trafilatura's fallback (``fast=False``) is asked, then readability:
      the first of the two whose text is mostly running text is taken;
    - otherwise, when they disagree, trafilatura's recall mode is run and kept if it
      agrees clearly better with readability (a caption- or list-heavy article).

    The numbers behind each rule: docs/EXTRACTION.md."""
    balanced = trafilatura_body(tree, url, fast=True)
    second = readability_text(tree)
    if not balanced or not second:
        return balanced or second
    precision, _, agreement = shingle_scores(balanced, second)
    if precision < DISJOINT and len(second.split()) > len(balanced.split()):
        return second
    if agreement < REFEREE_AGREEMENT:
        if prose_share(balanced) < PROSE_SHARE:
            fallback = trafilatura_body(tree, url)
            if fallback and fallback != balanced and prose_share(fallback) >= PROSE_SHARE:
                return fallback
            if prose_share(second) >= PROSE_SHARE:
                return second
        recall = trafilatura_body(tree, url, fast=True, favor_recall=True)
        if recall and shingle_scores(recall, second)[2] > agreement + REFEREE_MARGIN:
            return recall
    return balanced


def choose_body(extracted: str | None, article_body: str | None) -> str | None:
    """Prefer JSON-LD ``articleBody`` when it is complete: it holds what trafilatura found
    and more. Otherwise keep trafilatura's text, which has the paragraph breaks."""
    article_body = clean_lines(article_body)
    if not article_body:
        return extracted
    if not extracted:
        return article_body
    n_json, n_extracted = len(article_body.split()), len(extracted.split())
    if n_json < 1.1 * n_extracted:
        return extracted
    # articleBody is longer: take it only when it contains trafilatura's text
    _, covered, _ = shingle_scores(article_body, extracted)
    return article_body if covered >= 0.8 else extracted


HEADLINE_LINES = 3  # the headline is looked for in the first lines of the body
# a date or byline line shown above the text: "Published 29 November 2026 09:36 GMT",
# "Updated 10:02", "By Ana Ruiz", "Par Claire Martin" (short; a longer "By ..." line is text)
_META_LINE = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|posted)\b.*\d"
    r"|^(?:by|par|por|von)\s+\S+(?:\s+\S+){0,4}$",
    re.IGNORECASE,
)
META_LINES = 2
META_LINE_WORDS = 12


def _key(text: str | None) -> tuple[str, ...]:
    return tuple(TOKEN.findall((text or "").casefold()))


def strip_headline(body: str | None, headlines: Iterable[str | None]) -> str | None:
    """``body`` without the headline repeated as one of its first lines, and without a
    date or byline line left above the article text once the headline is gone.

    ``headlines`` are the page's names for the article (title, og:title, h1s); a line
    matches when its words are the same, ignoring case and punctuation."""
    if not body:
        return body
    keys = {k for k in map(_key, headlines) if k}
    lines = body.splitlines()
    for i, line in enumerate(lines[:HEADLINE_LINES]):
        if _key(line) in keys:
            del lines[i]
            break
    dropped = 0
    while (
        lines
        and dropped < META_LINES
        and len(lines[0].split()) <= META_LINE_WORDS
        and _META_LINE.match(lines[0])
    ):
        lines.pop(0)
        dropped += 1
    return "\n".join(lines) or None
