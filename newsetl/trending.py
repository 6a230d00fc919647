"""The trending terms report: the words, names and phrases whose use on a day stands out.

Pure functions first (texts in, scored terms out), then ``refresh``, which reads the day's
and the trailing window's documents and rewrites that day's ``daily_trending_terms``.

- Documents: a title, and an article's lede (first 300 body characters). A document counts
  once per term, however often it uses it.
- Terms, case-folded, possessive 's dropped ("Asia", "asia" and "Asia's" are one term):
  words of 3 letters or more that are not English stop words (scikit-learn's list) or words
  every news day uses (``NEWS_STOP_WORDS``: reporting verbs, days, months), and phrases of
  two adjacent such words in a sentence. A phrase is a ``name`` when both its words are
  capitalised in most of its uses outside Title Case titles ("Hong Kong", "Kebede Worku"),
  else a ``bigram``. A word used mostly inside one phrase of the day ("hong", "kong") is left
  out: the phrase stands for it, so a name stays whole.
- Background: the documents of the ``ARCHIVE_DAYS`` before the day (past ``ARCHIVE_SAMPLE``
  of them, an evenly spaced sample stands for all), plus
  ``BACKGROUND_DOCS`` pseudo-documents whose terms follow wordfreq's English frequencies
  (what everyday English would give on the first days, before there is an archive).
- Score: Dunning's log-likelihood ratio G2 of the term's document count on the day against
  the background (2x2 table: documents with and without the term, day and background); only
  terms used more than the background predicts, in ``MIN_DOCS`` documents or more, rank.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsetl import db
from newsetl.reporting import REPORTS_DIR, statements

ARCHIVE_DAYS = 14
ARCHIVE_SAMPLE = 50_000  # archive documents read at most (an even sample stands for the rest)
BACKGROUND_DOCS = 10_000
WORDS_PER_DOC = 30  # a title and a lede, to turn word frequencies into document shares
MIN_DOCS = 3
TOP = 20  # terms kept per kind and day
WHOLE = 2 / 3  # a word this often inside one phrase is that phrase
SQL_DIR = REPORTS_DIR / "trending_terms"
SENTENCE = re.compile(r"[.!?;:]+(?:\s+|$)|\n+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Words every news day uses, whatever happens: reporting verbs, days, months, percent.
NEWS_STOP_WORDS = frozenset(
    "said says say told according today yesterday tomorrow tonight week weeks month months "
    "year years monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december percent cent".split()
)


@dataclass
class Term:
    kind: str
    term: str
    docs: int
    source_count: int
    prev_7_avg: float
    score: float
    rank: int = 0


def content(word: str) -> bool:
    folded = word.casefold()
    return len(word) >= 3 and folded not in ENGLISH_STOP_WORDS and folded not in NEWS_STOP_WORDS


def title_case(text: str) -> bool:
    words = [w for w in WORD.findall(text) if content(w)]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def document_terms(title: str | None, lede: str | None = None) -> tuple[set[str], set[str]]:
    """A document's case-folded terms, and those of its phrases written capitalised (outside
    a Title Case title)."""
    found, capitalised = set(), set()
    for part in (title or "", lede or ""):
        cased = part is not title or not title_case(part)
        for sentence in SENTENCE.split(part):
            words = [w.replace("’", "'").removesuffix("'s") for w in WORD.findall(sentence)]
            for i, word in enumerate(words):
                if not content(word):
                    continue
                found.add(word.casefold())
                if i + 1 < len(words) and content(following := words[i + 1]):
                    phrase = f"{word.casefold()} {following.casefold()}"
                    found.add(phrase)
                    if cased and word[0].isupper() and following[0].isupper():
                        capitalised.add(phrase)
    return found, capitalised


def background_share(term: str) -> float:
    from wordfreq import word_frequency

    return min(1.0, WORDS_PER_DOC * word_frequency(term, "en"))


def g2(a: float, n1: float, c: float, n2: float) -> float:
    """G2 of a 2x2 table: ``a`` of ``n1`` documents of the day, ``c`` of ``n2`` of the
    background."""
    total = n1 + n2
    with_term, without = a + c, total - a - c
    cells = ((a, n1, with_term), (n1 - a, n1, without), (c, n2, with_term), (n2 - c, n2, without))
    return 2 * sum(o * math.log(o * total / (n * k)) for o, n, k in cells if o > 0)


def trending(
    day: date, docs: Iterable[tuple[date, str, str | None, str | None]], top: int = TOP
) -> list[Term]:
    """The day's top terms per kind from ``docs``: (day, source, title, lede) of the day and
    of the trailing window before it."""
    today: dict[str, int] = Counter()
    sources: dict[str, set[str]] = defaultdict(set)
    capitalised: dict[str, int] = Counter()
    archive = []
    n_today = 0
    for doc_day, source, title, lede in docs:
        if doc_day == day:
            found, caps = document_terms(title, lede)
            n_today += 1
            today.update(found)
            capitalised.update(caps)
            for term in found:
                sources[term].add(source)
        elif doc_day < day:
            archive.append((doc_day, title, lede))
    candidates = {term for term, n in today.items() if n >= MIN_DOCS}
    before: dict[str, int] = Counter()
    last_week: dict[str, int] = Counter()
    week_start = day - timedelta(days=7)
    step = math.ceil(len(archive) / ARCHIVE_SAMPLE) or 1  # every step-th counts step times
    for doc_day, title, lede in archive[::step]:
        hits = document_terms(title, lede)[0] & candidates
        for term in hits:
            before[term] += step
            if doc_day >= week_start:
                last_week[term] += step
    n_before = len(archive) + BACKGROUND_DOCS
    scored = []
    for term in candidates:
        expected = before[term] + BACKGROUND_DOCS * background_share(term)
        if today[term] / n_today <= expected / n_before:
            continue
        kind = "word"
        if " " in term:
            kind = "name" if capitalised[term] * 2 > today[term] else "bigram"
        score = g2(today[term], n_today, expected, n_before)
        scored.append(Term(kind, term, today[term], len(sources[term]), last_week[term] / 7, score))
    phrases = [t for t in scored if t.kind != "word"]
    inside = {
        word
        for p in phrases
        for word in p.term.split()
        if p.docs >= WHOLE * today[word] and today[word] >= MIN_DOCS
    }
    scored = [t for t in scored if t.kind != "word" or t.term not in inside]
    result = []
    for kind in ("word", "name", "bigram"):
        ranked = sorted(
            (t for t in scored if t.kind == kind), key=lambda t: (-t.score, -t.docs, t.term)
        )
        for rank, t in enumerate(ranked[:top], 1):
            t.rank = rank
            result.append(t)
    return result


def refresh(url: str, day: date) -> int:
    """Rewrite the trending terms of the UTC ``day`` in one transaction (:func:`write_day`)."""
    with db.transaction(url) as conn:
        return write_day(conn, day)


def write_day(conn, day: date) -> int:
    """Rewrite the trending terms of the UTC ``day`` on ``conn``; returns how many rows."""
    (documents,) = statements(SQL_DIR / "documents.sql")
    rows = conn.execute(documents, {"day": day, "days": ARCHIVE_DAYS}).all()
    terms = trending(day, rows)
    params = {"day": day, "terms": json.dumps([vars(t) for t in terms])}
    for statement in statements(SQL_DIR / "write.sql"):
        conn.execute(statement, params)
    return len(terms)
