"""Article body: trafilatura's main-text extraction, checked against JSON-LD articleBody."""

from __future__ import annotations

import re

import trafilatura

from .score import shingle_scores
from .text import clean_lines

_LIST_BULLET = re.compile(r"^- ", re.MULTILINE)


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


RECALL_MAX_GROWTH = 1.3


def main_text(tree, url: str | None) -> str | None:
    """trafilatura's balanced and recall modes, chosen by agreement.

    The recall mode keeps captions, lists and short paragraphs that the balanced mode
    drops; when it returns much more text than the balanced mode (more than
    ``RECALL_MAX_GROWTH`` times the words), the extra is usually comments or link lists,
    and the balanced text is kept. Measured on the development corpus (see README)."""
    balanced = trafilatura_body(tree, url)
    recall = trafilatura_body(tree, url, favor_recall=True)
    if not recall:
        return balanced
    if not balanced:
        return recall
    if len(recall.split()) > RECALL_MAX_GROWTH * len(balanced.split()):
        return balanced
    return recall


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
