"""Word 4-gram shingle scores, the measure of body extraction (see ``newsetl.evaluate``).

Tokens are runs of word characters, case-sensitive. A text shorter than four tokens is one
shingle of all its tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

TOKEN = re.compile(r"\w+")
N = 4


@lru_cache(maxsize=32)  # a page's few texts are compared with each other several times
def shingles(text: str | None, n: int = N) -> Counter:
    """The multiset of word ``n``-grams of ``text`` (shared: do not modify it)."""
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    # the n shifted lists, zipped: it stops at the last full n-gram
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def shingle_scores(extracted: str | None, reference: str | None) -> tuple[float, float, float]:
    """(precision, recall, f1) of ``extracted`` against ``reference``.

    An empty extraction scores 0/0/0 against a non-empty reference; two empty texts 1/1/1;
    a non-empty extraction against an empty reference 0 precision, recall 1.
    """
    got, want = shingles(extracted), shingles(reference)
    if not got and not want:
        return 1.0, 1.0, 1.0
    if not got:
        return 0.0, 0.0, 0.0
    if not want:
        return 0.0, 1.0, 0.0
    hits = sum((got & want).values())
    precision = hits / sum(got.values())
    recall = hits / sum(want.values())
    return precision, recall, f1(precision, recall)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
