"""Article body: trafilatura's main-text extraction, checked against JSON-LD articleBody,
with the headline and a leading date/byline line taken off the top.

How each rule was chosen (numbers on the development corpus): docs/EXTRACTION.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass

import trafilatura
from lxml import etree
from trafilatura.external import try_readability

from .score import TOKEN, shingle_scores, shingles
from .text import CODE_TAGS, clean_lines, element_text


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
PROSE_LINE_WORDS = 10  # a line of at least this many words is running text
PROSE_SHARE = 0.5  # a text with less than this share of its words in such lines is a menu
HOLDS = 0.5  # a text holds another when it has at least this share of the other's shingles
FRAGMENT_SHARE = 0.2  # a text under this share of the page's text may be a fragment ...
FRAGMENT_CHARS = 6000  # ... when it is also shorter than this
COMPLETE_GROWTH = 4  # the fallback's text must be this many times longer to replace it
CONFIRMED_GROWTH = 2  # ... or this many, when readability's text is longer too and agrees
REPEATED = 0.3  # a text with more than this share of repeated shingles doubles itself
NO_SECOND_OPINION = 0.25  # readability finding under this share of trafilatura's words


def prose_share(text: str | None) -> float:
    """Share of the words of ``text`` in lines of running text (``PROSE_LINE_WORDS`` or
    more): near 0 for a menu, a link list or a tag cloud, near 1 for an article."""
    counts = [len(line.split()) for line in (text or "").splitlines()]
    total = sum(counts)
    return sum(n for n in counts if n >= PROSE_LINE_WORDS) / total if total else 0.0


def repeated_share(text: str | None) -> float:
    """Share of the word 4-grams of ``text`` that repeat an earlier one (a page's text
    taken twice, a reprint notice on every block)."""
    grams = shingles(text)
    total = sum(grams.values())
    return 1 - len(grams) / total if total else 0.0


def holds(text: str | None, part: str | None) -> bool:
    """Whether ``text`` has most of the word 4-grams of ``part``."""
    return bool(text and part) and shingle_scores(part, text)[0] >= HOLDS


def page_chars(tree) -> int:
    """Characters of text on the page outside scripts and styles, whitespace collapsed (a
    cheap measure: the page's text in one piece, less what its scripts and styles hold)."""
    body = tree.find(".//body")
    if body is None:
        return 0
    text = etree.tostring(body, method="text", encoding="unicode", with_tail=False)
    code = " ".join(el.text or "" for el in body.iter(*CODE_TAGS))
    return max(0, len(" ".join(text.split())) - len(" ".join(code.split())))


@dataclass
class MainText:
    """The main text of a page and the extractor it came from (``extracted_by``)."""

    text: str | None
    method: str | None


class _Candidates:
    """The page's texts by each method, each computed once and only when asked for."""

    def __init__(self, tree, url: str | None):
        self.tree, self.url = tree, url
        self._texts: dict[str, str | None] = {}

    def __getitem__(self, method: str) -> str | None:
        if method not in self._texts:
            self._texts[method] = self._extract(method)
        return self._texts[method]

    def _extract(self, method: str) -> str | None:
        if method == "readability":
            return readability_text(self.tree)
        options = {
            "trafilatura": {"fast": True},
            "trafilatura-recall": {"fast": True, "favor_recall": True},
            "trafilatura-fallback": {},
        }[method]
        return trafilatura_body(self.tree, self.url, **options)


def main_text(tree, url: str | None) -> MainText:
    """trafilatura's balanced mode without its fallback extractors, readability-lxml as
    a referee, trafilatura's fallback when the text looks like a fragment of the page.

    ``fast=True`` skips trafilatura's own readability/jusText fallback: on the development
    corpus that is faster and more accurate than the default, whose fallback swaps in
    boilerplate-heavy text on more pages than it rescues. The referee instead:

    - when trafilatura's text and readability's share (almost) nothing and readability's
      is longer, trafilatura latched onto a side block: readability's text is taken, unless
      trafilatura's fallback, run on the same page, finds more text that holds the first;
    - when they disagree and trafilatura's text is mostly short lines (it took a menu or
      a link list), trafilatura's fallback (``fast=False``) is asked, then readability:
      the first of the two whose text is mostly running text is taken;
    - otherwise, when they disagree, trafilatura's recall mode is run; when it agrees
      better with readability, the article is more than balanced mode found: readability's
      text is taken when it holds recall's, else recall's (a caption- or list-heavy page);
    - when readability finds next to nothing (under a quarter of trafilatura's words),
      there is no second opinion: recall mode's text is taken when it holds balanced's.

    Then no fragment: a text that is a small part of the page's text, or that readability
    finds twice as much around, is replaced by trafilatura's fallback when that holds it,
    is several times longer, running text and not the page taken twice (see
    :func:`complete`). A page where nothing is found is asked again in recall mode.

    The numbers behind each rule: docs/EXTRACTION.md."""
    texts = _Candidates(tree, url)
    method = _referee(texts)
    if not texts[method]:
        method = next((m for m in ("trafilatura-recall", "trafilatura-fallback") if texts[m]), None)
        if method is None:
            return MainText(None, None)
    method = complete(texts, method, lambda: page_chars(tree))
    return MainText(texts[method], _METHOD_NAMES[method])


_METHOD_NAMES = {
    "trafilatura": "trafilatura",
    "trafilatura-recall": "trafilatura",
    "trafilatura-fallback": "trafilatura",
    "readability": "readability",
}


def _referee(texts: _Candidates) -> str:
    """The method whose text is taken (see :func:`main_text`)."""
    balanced, second = texts["trafilatura"], texts["readability"] or ""
    if not balanced:
        return "readability"
    precision, _, agreement = shingle_scores(balanced, second)
    if precision < DISJOINT and len(second.split()) > len(balanced.split()):
        fallback = texts["trafilatura-fallback"]
        if fallback != balanced and holds(fallback, balanced):
            return "trafilatura"  # the fallback sides with trafilatura: see complete()
        return "readability"
    if agreement < REFEREE_AGREEMENT:
        if prose_share(balanced) < PROSE_SHARE:
            fallback = texts["trafilatura-fallback"]
            if fallback and fallback != balanced and prose_share(fallback) >= PROSE_SHARE:
                return "trafilatura-fallback"
            if prose_share(second) >= PROSE_SHARE:
                return "readability"
        recall = texts["trafilatura-recall"]
        if recall:
            held, _, recall_agreement = shingle_scores(recall, second)
            if recall_agreement > agreement:
                # recall mode moves toward readability: the article is more than balanced
                # mode's text, and readability's, when it holds recall's, is the whole of it
                return "readability" if held >= HOLDS else "trafilatura-recall"
    if len(second.split()) < NO_SECOND_OPINION * len(balanced.split()) and holds(
        texts["trafilatura-recall"], balanced
    ):
        return "trafilatura-recall"  # readability found no article to judge by
    return "trafilatura"


def complete(texts: _Candidates, method: str, page: Callable[[], int]) -> str:
    """``method``, or trafilatura's fallback when ``method``'s text is a fragment of the
    article: it is a small part of the page's text (or readability's text holds it and is
    twice as long), and the fallback's text holds it, is ``COMPLETE_GROWTH`` times longer
    (``CONFIRMED_GROWTH`` when readability's longer text agrees with it), mostly running
    text and not the page's text taken twice. ``page`` gives the page's text size."""
    text, second = texts[method], texts["readability"]
    size = len(text)
    second_longer = bool(second) and len(second) > 2 * size and holds(second, text)
    if not second_longer and (size >= FRAGMENT_CHARS or size >= FRAGMENT_SHARE * page()):
        return method
    fallback = texts["trafilatura-fallback"]
    if (
        not fallback
        or fallback == text
        or not holds(fallback, text)
        or prose_share(fallback) < PROSE_SHARE
        or repeated_share(fallback) > REPEATED
    ):
        return method
    growth = len(fallback.split()) / max(1, len(text.split()))
    if growth >= COMPLETE_GROWTH:
        return "trafilatura-fallback"
    if (
        second_longer
        and growth >= CONFIRMED_GROWTH
        and shingle_scores(fallback, second)[2] >= HOLDS
    ):
        return "trafilatura-fallback"
    return method


JSON_LD_GROWTH = 2


def choose_body(extracted: str | None, article_body: str | None) -> str | None:
    """JSON-LD ``articleBody`` when the extracted text is a fragment of it (a page whose
    text is rendered by scripts): it is at least ``JSON_LD_GROWTH`` times longer and holds
    the extracted text. Otherwise the extracted text, which has the paragraph breaks and
    leaves out what articleBody often adds (newsletter boxes, image credits)."""
    article_body = clean_lines(article_body)
    if not article_body:
        return extracted
    if not extracted:
        return article_body
    n_json, n_extracted = len(article_body.split()), len(extracted.split())
    if n_json < JSON_LD_GROWTH * n_extracted:
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
