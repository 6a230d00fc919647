"""The stories report: the day's documents grouped into stories told by several outlets.

Pure functions first (texts in, clusters out; no database), then ``write_day``, which reads
a day's documents from PostgreSQL and rewrites that day's ``daily_stories`` and
``story_members`` (the runner of the CLI and the aggregation DAG, newsetl.reporting.run,
calls it). Method, limits and
measured figures: sql/reports/stories/README.md.

1. A document is its title and standfirst (a headline: title and summary), plus an
   article's lede (first 60 body words): a headline-only feed groups on what it has. Its
   terms: Snowball-stemmed, case-folded words that are not English stop words, and pairs of
   adjacent such words (so "hong kong" or "mt gox" count as one term too).
2. Term weights: TF-IDF, with document frequencies over the archive's trailing window
   (the day and the ``ARCHIVE_DAYS`` before it) smoothed by ``BACKGROUND_DOCS`` pseudo-
   documents drawn from wordfreq's English word (and phrase) frequencies: common words
   weigh little from the first day on, and the archive takes over as it grows.
3. Candidate pairs: documents sharing a term (a sparse product of the weight matrix, in
   blocks of rows), kept when their cosine similarity reaches ``MIN_SIMILARITY`` and is
   among the ``NEIGHBOURS`` highest of either document (a bounded number of pairs per
   document, so the work grows about linearly with the day). Two articles whose bodies are
   near-duplicates (a wire copy, lightly edited or not) count as similarity 1.
4. Average-link agglomerative clustering over those pairs (pairs not scored count as
   similarity 0): two clusters merge when the mean similarity over all pairs of their
   members reaches ``merge_threshold(size_a, size_b)``, which starts at ``PAIR_THRESHOLD``
   for two single documents and falls with the cube root of the product of the sizes
   towards ``MIN_SIMILARITY`` (a mean over many pairs is a steadier witness than one pair).
   One document similar to two unrelated stories cannot chain them: the stories' other
   members would have to be similar to each other on average.
5. A story is a cluster with documents of at least 2 sources. Its id is the member_id of its
   earliest member, unless it continues a story of the day before (the centroids' cosine
   similarity reaches ``CONTINUE_THRESHOLD``, best matches first, one to one): then it keeps
   that story's id.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsetl import db
from newsetl.reporting import REPORTS_DIR, statements

ARCHIVE_DAYS = 7
ARCHIVE_SAMPLE = 20_000  # archive texts counted at most (an even sample stands for the rest)
BACKGROUND_DOCS = 200_000  # pseudo-documents behind the wordfreq prior
WORDS_PER_DOC = 10  # a headline's length in words, to turn word frequencies into doc frequencies
MIN_SIMILARITY = 0.03  # the least mean similarity of two large clusters that merge
PAIR_THRESHOLD = 0.2  # the least similarity of two single documents that merge
NEIGHBOURS = 100  # the most similar documents each document keeps as candidates
CONTINUE_THRESHOLD = 0.5  # a cluster continues yesterday's story at this centroid similarity
SHINGLE_WORDS = 150  # body words compared for near-duplicates
NEAR_DUPLICATE = 0.3  # Jaccard overlap of 3-word shingles that makes two bodies one report

SQL_DIR = REPORTS_DIR / "stories"
WORD = re.compile(r"[^\W_]+(?:['’.&][^\W_]+)*")


@dataclass(frozen=True)
class Document:
    id: str  # member_id
    source: str
    text: str  # title, standfirst (description or summary) and an article's lede
    first_seen_at: datetime
    body: str | None = None


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Case-folded words, possessive 's dropped ("Sbarro's" -> "sbarro", "Mt." -> "mt")."""
    found = (w.casefold().replace("’", "'").rstrip(".") for w in WORD.findall(text or ""))
    return [w.removesuffix("'s") for w in found]


def terms(text: str) -> list[str]:
    """Stemmed content words and pairs of adjacent content words, in order."""
    found = words(text)
    content = [w not in ENGLISH_STOP_WORDS and len(w) > 1 for w in found]
    stems = [stem(w) for w in found]
    pairs = [
        f"{a} {b}"
        for a, b, keep_a, keep_b in zip(stems, stems[1:], content, content[1:], strict=False)
        if keep_a and keep_b
    ]
    return [s for s, keep in zip(stems, content, strict=True) if keep] + pairs


@lru_cache(maxsize=500_000)
def frequency(word: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(word, "en")


def background_share(term: str, surface: dict[str, set[str]]) -> float:
    """The share of headlines that would use ``term`` by wordfreq's English frequencies: a
    stem's surface words seen, summed; a pair of stems as a phrase of their most frequent
    surface words, which wordfreq estimates as the half-harmonic mean of the words'
    frequencies (1/f = 1/f1 + 1/f2)."""
    stems = term.split()
    if len(stems) == 1:
        freq = sum(frequency(w) for w in surface.get(term, {term}))
    else:
        freqs = [max(frequency(w) for w in surface.get(part, {part})) for part in stems]
        freq = 0.0 if 0.0 in freqs else 1 / sum(1 / f for f in freqs)
    return min(1.0, WORDS_PER_DOC * freq)


def vectorize(
    texts: Sequence[str], archive: Iterable[str] = ()
) -> tuple[sparse.csr_matrix, dict[str, int], np.ndarray]:
    """L2-normalised TF-IDF rows of ``texts`` (sublinear tf); document frequencies over
    ``texts`` and ``archive`` (the trailing window's other texts, in a fixed order; past
    ``ARCHIVE_SAMPLE`` texts, an evenly spaced sample of them stands for all), smoothed by the
    wordfreq background. Returns the matrix, the vocabulary (term -> column) and the idf
    weights."""
    vocab: dict[str, int] = {}
    surface: dict[str, set[str]] = {}
    found = [terms(text) for text in texts]
    for text, doc_terms in zip(texts, found, strict=True):
        for term in doc_terms:
            vocab.setdefault(term, len(vocab))
        for w in words(text):
            surface.setdefault(stem(w), set()).add(w)
    counts = term_counts(found, vocab)
    df = np.bincount(counts.indices, minlength=len(vocab)).astype(float)
    archive = list(archive)
    step = math.ceil(len(archive) / ARCHIVE_SAMPLE) or 1  # every step-th text counts step times
    for text in archive[::step]:
        for term in set(terms(text)):
            if (j := vocab.get(term)) is not None:
                df[j] += step
    n = len(texts) + len(archive)
    prior = np.array([BACKGROUND_DOCS * background_share(t, surface) for t in vocab])
    idf = np.log((n + BACKGROUND_DOCS + 1) / (df + prior + 1)) + 1
    return normalize_rows(counts @ sparse.diags(idf)), vocab, idf


def transform(texts: Sequence[str], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    """L2-normalised rows of sublinear tf times ``idf`` over ``vocab`` (other terms left out)."""
    return normalize_rows(term_counts([terms(t) for t in texts], vocab) @ sparse.diags(idf))


def term_counts(found: Sequence[list[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Sublinear term frequencies (1 + log count) of term lists over ``vocab``."""
    rows, cols, vals = [], [], []
    for i, doc_terms in enumerate(found):
        counts: dict[int, int] = {}
        for term in doc_terms:
            if (j := vocab.get(term)) is not None:
                counts[j] = counts.get(j, 0) + 1
        rows += [i] * len(counts)
        cols += counts.keys()
        vals += counts.values()
    values = 1 + np.log(np.asarray(vals, dtype=float))
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(found), len(vocab)))


def normalize_rows(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    from sklearn.preprocessing import normalize

    matrix = sparse.csr_matrix(matrix)
    return normalize(matrix) if matrix.shape[0] and matrix.shape[1] else matrix


def similar_pairs(
    vectors: sparse.csr_matrix, floor: float = MIN_SIMILARITY, neighbours: int = NEIGHBOURS
) -> sparse.coo_matrix:
    """Cosine similarities >= ``floor`` of pairs of rows that share a term, each row keeping
    its ``neighbours`` most similar others (a pair stays when either side keeps it): the
    upper triangle. Computed in blocks of rows, so memory stays bounded."""
    n = vectors.shape[0]
    rows, cols, sims = [], [], []
    block = 1000
    for start in range(0, n, block):
        product = (vectors[start : start + block] @ vectors.T).tocsr()
        product.setdiag(0, k=start)
        product.data[product.data < floor] = 0
        product.eliminate_zeros()
        for i in range(product.shape[0]):
            lo, hi = product.indptr[i], product.indptr[i + 1]
            data, index = product.data[lo:hi], product.indices[lo:hi]
            if hi - lo > neighbours:
                top = np.argpartition(-data, neighbours)[:neighbours]
                data, index = data[top], index[top]
            rows.append(np.full(len(index), start + i))
            cols.append(index)
            sims.append(data)
    if not rows:
        return sparse.coo_matrix((n, n))
    rows, cols, sims = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    pairs = sparse.coo_matrix((sims, (low, high)), shape=(n, n)).tocsr()
    pairs.sum_duplicates()  # a pair kept by both sides: its similarity twice
    kept_twice = sparse.coo_matrix((np.ones(len(low)), (low, high)), shape=(n, n)).tocsr()
    pairs.data /= kept_twice.data
    return pairs.tocoo()


def shingles(body: str | None) -> set[str]:
    """The 3-word shingles of a body's first ``SHINGLE_WORDS`` words."""
    tokens = words(body or "")[:SHINGLE_WORDS]
    return {" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def near_duplicates(bodies: Sequence[str | None]) -> list[tuple[int, int]]:
    """Pairs i < j of bodies whose 3-word shingle sets overlap (Jaccard) >= NEAR_DUPLICATE."""
    sets = [shingles(b) for b in bodies]
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, found in enumerate(sets):
        for s in found:
            rows.append(i)
            cols.append(index.setdefault(s, len(index)))
    if not index:
        return []
    member = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), len(index)))
    shared = sparse.triu(member @ member.T, 1).tocoo()
    pairs = []
    for i, j, n in zip(shared.row, shared.col, shared.data, strict=True):
        if n / (len(sets[i]) + len(sets[j]) - n) >= NEAR_DUPLICATE:
            pairs.append((int(i), int(j)))
    return pairs


def merge_threshold(size_a: int, size_b: int) -> float:
    """The mean similarity two clusters need to merge: PAIR_THRESHOLD for two documents,
    falling as the cube root of size_a * size_b towards MIN_SIMILARITY."""
    return MIN_SIMILARITY + (PAIR_THRESHOLD - MIN_SIMILARITY) / (size_a * size_b) ** (1 / 3)


def average_link(n: int, pairs: sparse.coo_matrix) -> list[int]:
    """Average-link agglomerative clustering of ``n`` items over the scored ``pairs`` (upper
    triangle; unscored pairs count as 0). Returns a cluster label per item. Merges the most
    similar clusters first; each merge needs the mean similarity over all member pairs to
    reach ``merge_threshold`` of the two sizes."""
    size = [1] * n
    parent = list(range(n))
    links: list[dict[int, float]] = [{} for _ in range(n)]  # summed similarity to a cluster
    heap = []
    for i, j, s in zip(pairs.row.tolist(), pairs.col.tolist(), pairs.data.tolist(), strict=True):
        links[i][j] = links[j][i] = links[i].get(j, 0.0) + s
    for i in range(n):
        heap += [(-s, i, j) for j, s in links[i].items() if i < j and s >= PAIR_THRESHOLD]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        total = links[a].get(b)
        if total is None or parent[a] != a or parent[b] != b:
            continue
        mean = total / (size[a] * size[b])
        if mean != -neg:  # a grew since: its mean fell; back in line if it can still merge
            if mean >= merge_threshold(size[a], size[b]):
                heapq.heappush(heap, (-mean, a, b))
            continue
        if len(links[a]) < len(links[b]):
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        del links[a][b], links[b][a]
        # Pairs of a whose sum did not change only fall (a larger a, the same sum) and stay
        # below their threshold if they were (it falls slower); those in the heap are put
        # right when popped. Pairs whose sum grew are pushed now.
        for k, s in links[b].items():
            del links[k][b]
            total = links[a][k] = links[k][a] = links[a].get(k, 0.0) + s
            if (mean := total / (size[a] * size[k])) >= merge_threshold(size[a], size[k]):
                heapq.heappush(heap, (-mean, min(a, k), max(a, k)))
        links[b] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    return [root(i) for i in range(n)]


def cluster(
    vectors: sparse.csr_matrix, sources: Sequence[str], bodies: Sequence[str | None] | None = None
) -> list[list[int]]:
    """The stories among documents (rows of ``vectors``): lists of row indexes, each with at
    least 2 distinct ``sources``, in the order of their first index."""
    pairs = similar_pairs(vectors)
    if bodies is not None and (dups := near_duplicates(bodies)):
        i, j = zip(*dups, strict=True)
        ones = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=pairs.shape)
        pairs = sparse.coo_matrix(pairs.tocsr().maximum(ones.tocsr()))
    clusters: dict[int, list[int]] = {}
    for i, label in enumerate(average_link(vectors.shape[0], pairs)):
        clusters.setdefault(label, []).append(i)
    stories = [m for m in clusters.values() if len({sources[i] for i in m}) >= 2]
    return sorted(stories, key=lambda m: m[0])


def group(
    texts: Sequence[str],
    sources: Sequence[str],
    bodies: Sequence[str | None] | None = None,
    archive: Iterable[str] = (),
) -> list[list[int]]:
    """Headlines in, stories out: ``cluster`` over ``vectorize(texts, archive)``."""
    return cluster(vectorize(texts, archive)[0], sources, bodies)


def centroids(vectors: sparse.csr_matrix, clusters: Sequence[Sequence[int]]) -> sparse.csr_matrix:
    rows = [i for members in clusters for i in members]
    labels = [c for c, members in enumerate(clusters) for _ in members]
    pick = sparse.csr_matrix(
        (np.ones(len(rows)), (labels, rows)), shape=(len(clusters), vectors.shape[0])
    )
    return normalize_rows(pick @ vectors)


def continuations(today: sparse.csr_matrix, yesterday: sparse.csr_matrix) -> dict[int, int]:
    """Today's story index -> yesterday's story index, for centroids (rows, L2-normalised)
    whose cosine similarity reaches CONTINUE_THRESHOLD: best matches first, one to one."""
    if not today.shape[0] or not yesterday.shape[0]:
        return {}
    sims = (today @ yesterday.T).tocoo()
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for s, i, j in sorted(zip(-sims.data, sims.row.tolist(), sims.col.tolist(), strict=True)):
        if -s < CONTINUE_THRESHOLD:
            break
        if i not in matches and j not in taken:
            matches[i] = j
            taken.add(j)
    return matches


def story_ids(
    docs: Sequence[Document], archive: Iterable[str], previous: dict[str, list[str]]
) -> dict[str, str]:
    """member_id -> story_id for the day's ``docs``. ``previous``: yesterday's stories as
    story_id -> their members' texts; a story that continues one keeps its id."""
    if not docs:
        return {}
    order = sorted(range(len(docs)), key=lambda i: (docs[i].first_seen_at, docs[i].id))
    docs = [docs[i] for i in order]
    vectors, vocab, idf = vectorize([d.text for d in docs], archive)
    stories = cluster(vectors, [d.source for d in docs], [d.body for d in docs])
    ids = [docs[members[0]].id for members in stories]
    if previous and stories:
        prev_ids = sorted(previous)
        texts = [text for sid in prev_ids for text in previous[sid]]
        spans, start = [], 0
        for sid in prev_ids:
            spans.append(range(start, start + len(previous[sid])))
            start += len(previous[sid])
        before = centroids(transform(texts, vocab, idf), spans)
        for i, j in continuations(centroids(vectors, stories), before).items():
            ids[i] = prev_ids[j]
    return {docs[i].id: ids[c] for c, members in enumerate(stories) for i in members}


def refresh(url: str, day: date) -> int:
    """Rewrite the stories of the UTC ``day`` in one transaction (:func:`write_day`)."""
    with db.transaction(url) as conn:
        return write_day(conn, day)


def write_day(conn, day: date) -> int:
    """Rewrite the stories of the UTC ``day`` on ``conn``; returns how many there are.
    Reads the day's documents, the trailing window's texts and the day before's stories."""

    def run(name: str, **params):
        (statement,) = statements(SQL_DIR / f"{name}.sql")
        return conn.execute(statement, {"day": day} | params)

    rows = run("documents").mappings().all()
    archive = run("archive", days=ARCHIVE_DAYS).scalars().all()
    previous: dict[str, list[str]] = {}
    for story_id, text in run("previous"):
        previous.setdefault(story_id, []).append(text)
    docs = [
        Document(r["member_id"], r["source"], r["text"], r["first_seen_at"], r["body"])
        for r in rows
    ]
    ids = story_ids(docs, archive, previous)
    members = [
        {k: v for k, v in r.items() if k not in ("text", "body")}
        | {"story_id": ids[r["member_id"]]}
        for r in rows
        if r["member_id"] in ids
    ]
    params = {"day": day, "members": json.dumps(members, default=str)}
    for statement in statements(SQL_DIR / "write.sql"):
        conn.execute(statement, params)
    return len(set(ids.values()))
