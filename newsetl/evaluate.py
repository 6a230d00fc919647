"""``newsetl eval-extraction CORPUS [CORPUS ...]``: score article extraction on saved pages.

A corpus is ``html/<id>.html`` or ``html/<id>.html.gz`` plus ``ground-truth.json``
(``{id: {articleBody, url, dataset?, title?, authors?, published?}}``). Each corpus is
scored on its own: several corpora are never pooled into one figure.

Bodies are scored on word 4-gram shingles (tokens: runs of word characters,
case-sensitive): per-page precision and recall are averaged over pages and F1 is computed
from the two averages; a bootstrap over pages gives its 95% interval. An empty extraction
scores 0 precision and 0 recall. Where the truth has them, titles are compared exactly
(whitespace collapsed), authors by F1 over case-folded names (a page naming nobody scores 1
when no name is extracted), and the published date by its day (on pages that show one).

``--compare trafilatura`` scores plain ``trafilatura.extract(html, url=...,
include_comments=False)`` on the same pages, with the title, authors and date of
trafilatura's ``extract_metadata`` (not timed). The extractors take turns page by page
(after an untimed warm-up on the first pages) so that their throughput ratio survives a
shared, noisy machine, and a paired bootstrap gives the 95% interval of the F1 difference.
Pages where newsetl's recall is under 0.5 while the comparison's is at least 0.8 are
counted as *collapsed*, and the pages that lost most against it are listed.

Run it as ``newsetl eval-extraction CORPUS`` or ``python -m newsetl.evaluate CORPUS``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsetl.extraction.score import f1, shingle_scores
from newsetl.extraction.text import clean

BOOTSTRAP_ROUNDS = 1000
WARM_UP_PAGES = 3
WORST_PAGES = 10
COLLAPSED_RECALL = 0.5  # newsetl's recall below this ...
COLLAPSED_REFERENCE = 0.8  # ... while the comparison's is at least this: a collapsed page
PLACEHOLDER_URL = "https://example.invalid/{id}"


@dataclass
class Page:
    id: str
    dataset: str
    url: str | None
    html: str
    body: str
    title: str | None
    authors: list[str] | None = None  # None: the truth does not say
    published: str | None = None  # YYYY-MM-DD
    has_published: bool = False  # the truth has a "published" field (null: none shown)


@dataclass
class Extracted:
    """What an extractor gives for one page (metadata: None when it does not extract it)."""

    body: str | None
    title: str | None = None
    authors: list[str] | None = None
    published: date | None = None


@dataclass
class Result:
    """One extractor's output and scores on one page."""

    precision: float
    recall: float
    f1: float
    title_match: bool | None
    seconds: float
    words: int
    authors_f1: float | None = None
    date_match: bool | None = None


def _rate(values: list) -> tuple[int, float | None]:
    scored = [float(v) for v in values if v is not None]
    return len(scored), (sum(scored) / len(scored) if scored else None)


@dataclass
class Summary:
    pages: int
    precision: float
    recall: float
    f1: float
    f1_low: float
    f1_high: float
    title_pages: int
    title_exact: float | None
    seconds: float
    errors: int = 0
    authors_pages: int = 0
    authors_f1: float | None = None
    date_pages: int = 0
    date_accuracy: float | None = None
    per_dataset: dict[str, Summary] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def dataset_of(page_id: str, entry: dict) -> str:
    """The ``dataset`` field, else the id's prefix (``readability-012`` -> ``readability``)."""
    return entry.get("dataset") or page_id.split("-", 1)[0]


def read_page(folder: Path, page_id: str) -> str | None:
    """``<id>.html``, else ``<id>.html.gz``, as text (None when neither exists)."""
    plain = folder / f"{page_id}.html"
    if plain.exists():
        return plain.read_text(encoding="utf-8", errors="replace")
    packed = folder / f"{page_id}.html.gz"
    if packed.exists():
        with gzip.open(packed, "rt", encoding="utf-8", errors="replace") as f:
            return f.read()
    return None


def load_corpus(root: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        html = read_page(root / "html", page_id)
        if html is None:
            continue
        authors = entry.get("authors")
        pages.append(
            Page(
                id=page_id,
                dataset=dataset_of(page_id, entry),
                url=entry.get("url"),
                html=html,
                body=entry.get("articleBody") or "",
                title=entry.get("title"),
                authors=list(authors) if isinstance(authors, list) else None,
                published=entry.get("published"),
                has_published="published" in entry,
            )
        )
    if limit is not None and limit < len(pages):
        pages = _round_robin(pages, limit)
    return pages


def _round_robin(pages: list[Page], limit: int) -> list[Page]:
    """Pages spread evenly over each dataset, the datasets in turn (a quick, balanced run)."""
    by_set: dict[str, list[Page]] = {}
    for page in pages:
        by_set.setdefault(page.dataset, []).append(page)
    queues = [_spread(v, limit) for _, v in sorted(by_set.items())]
    out: list[Page] = []
    while len(out) < limit:
        for queue in queues:
            if queue and len(out) < limit:
                out.append(queue.pop())
    return sorted(out, key=lambda p: p.id)


def _spread(pages: list[Page], limit: int) -> list[Page]:
    """Every k-th page (a sample across the whole set, not its first ids), as a stack."""
    step = max(1, len(pages) // limit)
    return list(reversed(pages[::step] + [p for i, p in enumerate(pages) if i % step]))


# --- extractors: page -> Extracted -------------------------------------------------------
def newsetl_extractor(page: Page) -> Extracted:
    from newsetl.extract import extract_article

    article = extract_article(page.html, page.url or PLACEHOLDER_URL.format(id=page.id))
    if article is None:
        return Extracted(None, None, [], None)
    return Extracted(article.body, article.title, article.authors, published_day(article))


def published_day(article) -> date | None:
    """The day the page shows: the day of ``published_at_raw`` in the page's own zone, which
    is the stored UTC day moved by the offset (at most one day); else the stored day (an
    all-numeric raw date the page reads the other way round, "02-12-2025")."""
    from newsetl.extraction.dates import local_date

    day = article.published_at.date() if article.published_at else None
    local = local_date(article.published_at_raw)
    if local is not None and (day is None or abs((local - day).days) <= 1):
        return local
    return day


def trafilatura_extractor(page: Page) -> Extracted:
    import trafilatura

    return Extracted(trafilatura.extract(page.html, url=page.url, include_comments=False))


def trafilatura_metadata(page: Page, extracted: Extracted) -> Extracted:
    """trafilatura's metadata: title, authors, date (not timed: plain ``extract`` does
    not compute them)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(page.html)
    meta = extract_metadata(tree, page.url) if tree is not None else None
    if meta is None:
        return Extracted(extracted.body, None, [], None)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    try:
        day = date.fromisoformat(meta.date[:10]) if meta.date else None
    except ValueError:
        day = None
    return Extracted(extracted.body, meta.title, authors, day)


EXTRACTORS: dict[str, Callable[[Page], Extracted]] = {
    "newsetl": newsetl_extractor,
    "trafilatura": trafilatura_extractor,
}
METADATA: dict[str, Callable[[Page, Extracted], Extracted]] = {
    "trafilatura": trafilatura_metadata,
}


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def authors_f1(extracted: list[str] | None, truth: list[str] | None) -> float | None:
    """F1 of the extracted names against the truth's (case and spacing ignored)."""
    if truth is None:
        return None
    got = {_name_key(n) for n in extracted or () if n.strip()}
    want = {_name_key(n) for n in truth if n.strip()}
    if not got and not want:
        return 1.0
    hits = len(got & want)
    return f1(hits / len(got), hits / len(want)) if got and want else 0.0


def date_match(extracted: date | None, page: Page) -> bool | None:
    """The extracted day is the published day the page shows (pages that show one)."""
    if not page.published:
        return None
    return extracted is not None and extracted.isoformat() == page.published[:10]


def run_page(extractor: Callable, page: Page, metadata_fn: Callable | None = None) -> Result:
    start = time.perf_counter()
    try:
        out = extractor(page)
    except Exception as err:  # noqa: BLE001 - a crash on one page scores as empty
        print(f"error on {page.id}: {err!r}", file=sys.stderr)
        out = Extracted(None, None, [], None)
    seconds = time.perf_counter() - start
    if metadata_fn is not None:
        out = metadata_fn(page, out)
    p, r, f = shingle_scores(out.body, page.body)
    match = None if page.title is None else clean(out.title) == clean(page.title)
    return Result(
        p,
        r,
        f,
        match,
        seconds,
        len((out.body or "").split()),
        authors_f1(out.authors, page.authors),
        date_match(out.published, page),
    )


def run(
    extractor: Callable, pages: list[Page], metadata_fn: Callable | None = None
) -> list[Result]:
    return [run_page(extractor, page, metadata_fn) for page in pages]


def summarise(pages: list[Page], results: list[Result], rounds: int = BOOTSTRAP_ROUNDS) -> Summary:
    summary = _summary(results, rounds)
    for name in sorted({p.dataset for p in pages}):
        subset = [r for p, r in zip(pages, results, strict=True) if p.dataset == name]
        summary.per_dataset[name] = _summary(subset, rounds)
    return summary


def _summary(results: list[Result], rounds: int) -> Summary:
    n = len(results)
    precision = sum(r.precision for r in results) / n if n else 0.0
    recall = sum(r.recall for r in results) / n if n else 0.0
    low, high = bootstrap_f1(results, rounds)
    title_pages, title_exact = _rate([r.title_match for r in results])
    authors_pages, authors = _rate([r.authors_f1 for r in results])
    date_pages, dates = _rate([r.date_match for r in results])
    return Summary(
        pages=n,
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
        f1_low=low,
        f1_high=high,
        title_pages=title_pages,
        title_exact=title_exact,
        seconds=sum(r.seconds for r in results),
        authors_pages=authors_pages,
        authors_f1=authors,
        date_pages=date_pages,
        date_accuracy=dates,
    )


def bootstrap_f1(results: list[Result], rounds: int = BOOTSTRAP_ROUNDS) -> tuple[float, float]:
    """2.5th and 97.5th percentiles of the corpus F1 over pages resampled with replacement."""
    n = len(results)
    if not n:
        return 0.0, 0.0
    rng = random.Random(0)
    scores = []
    for _ in range(rounds):
        sample = [results[rng.randrange(n)] for _ in range(n)]
        p = sum(r.precision for r in sample) / n
        r_ = sum(r.recall for r in sample) / n
        scores.append(f1(p, r_))
    scores.sort()
    return scores[int(0.025 * (rounds - 1))], scores[int(0.975 * (rounds - 1))]


def bootstrap_difference(
    ours: list[Result], theirs: list[Result], rounds: int = BOOTSTRAP_ROUNDS
) -> tuple[float, float]:
    """95% interval of corpus F1 ``ours - theirs`` over pages resampled with replacement
    (paired: each resample scores both extractors on the same pages)."""
    n = len(ours)
    if not n or len(theirs) != n:
        return 0.0, 0.0
    rng = random.Random(0)
    diffs = []
    for _ in range(rounds):
        sample = [rng.randrange(n) for _ in range(n)]
        a = f1(sum(ours[i].precision for i in sample) / n, sum(ours[i].recall for i in sample) / n)
        b = f1(
            sum(theirs[i].precision for i in sample) / n,
            sum(theirs[i].recall for i in sample) / n,
        )
        diffs.append(a - b)
    diffs.sort()
    return diffs[int(0.025 * (rounds - 1))], diffs[int(0.975 * (rounds - 1))]


def collapsed(ours: list[Result], theirs: list[Result]) -> list[int]:
    """Indexes of the pages where our body is a fragment of what the comparison found."""
    return [
        i
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
        if a.recall < COLLAPSED_RECALL and b.recall >= COLLAPSED_REFERENCE
    ]


def worst_pages(
    pages: list[Page], ours: list[Result], theirs: list[Result], n: int = WORST_PAGES
) -> list[tuple[Page, Result, Result]]:
    """The ``n`` pages where our F1 fell furthest below the comparison's, worst first."""
    rows = sorted(zip(pages, ours, theirs, strict=True), key=lambda t: (t[1].f1 - t[2].f1, t[0].id))
    return [row for row in rows[:n] if row[1].f1 < row[2].f1]


# --- output ----------------------------------------------------------------------------
HEADER = (
    f"{'dataset':<20} {'pages':>5}  {'extractor':<12} {'precision':>9} {'recall':>7} "
    f"{'F1':>6} {'F1 95% interval':>16} {'title':>11} {'authors':>11} {'date':>11} "
    f"{'pages/s':>8}"
)


def _cell(value: float | None, n: int) -> str:
    return f"{value:.3f} ({n})" if value is not None else "-"


def format_table(summaries: dict[str, Summary]) -> str:
    lines = [HEADER, "-" * len(HEADER)]
    first = next(iter(summaries.values()))
    names = [*first.per_dataset, "overall"]
    for name in names:
        for extractor, summary in summaries.items():
            s = summary if name == "overall" else summary.per_dataset[name]
            lines.append(
                f"{name:<20} {s.pages:>5}  {extractor:<12} {s.precision:>9.3f} {s.recall:>7.3f} "
                f"{s.f1:>6.3f} {f'{s.f1_low:.3f}-{s.f1_high:.3f}':>16} "
                f"{_cell(s.title_exact, s.title_pages):>11} "
                f"{_cell(s.authors_f1, s.authors_pages):>11} "
                f"{_cell(s.date_accuracy, s.date_pages):>11} {s.pages_per_second:8.1f}"
            )
    return "\n".join(lines)


def write_per_page(
    path: Path,
    pages: list[Page],
    results: dict[str, list[Result]],
    worst: int | None = None,
    corpus: str | None = None,
) -> None:
    """Pages sorted worst first (by newsetl's F1), one tab-separated line each; with
    ``corpus`` set, a first column names it and the rows are appended to ``path``."""
    names = list(results)
    head = (["corpus"] if corpus else []) + ["id", "dataset"]
    for name in names:
        head += [f"{name}_precision", f"{name}_recall", f"{name}_f1", f"{name}_words"]
    head.append("title_match")
    rows = []
    for i, page in enumerate(pages):
        row: list[str] = ([corpus] if corpus else []) + [page.id, page.dataset]
        for name in names:
            r = results[name][i]
            row += [f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}", str(r.words)]
        match = results[names[0]][i].title_match
        row.append("" if match is None else str(int(match)))
        rows.append((results[names[0]][i].f1, page.id, row))
    rows.sort(key=lambda t: (t[0], t[1]))
    if worst is not None:
        rows = rows[:worst]
    lines = ["\t".join(row) for _, _, row in rows]
    if not corpus or not path.exists():
        lines.insert(0, "\t".join(head))
    with path.open("a" if corpus else "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def evaluate(
    root: Path, compare: Iterable[str] = (), limit: int | None = None
) -> tuple[list[Page], dict[str, list[Result]], dict[str, Summary]]:
    pages = load_corpus(root, limit)
    extractors = {"newsetl": newsetl_extractor}
    extractors.update((name, EXTRACTORS[name]) for name in compare if name != "newsetl")
    for page in pages[:WARM_UP_PAGES]:  # imports, models, suffix lists: not timed
        for extractor in extractors.values():
            run_page(extractor, page)
    # the extractors take turns page by page, so a change in the machine's load during the
    # run slows them alike and the throughput ratio stays fair
    results: dict[str, list[Result]] = {name: [] for name in extractors}
    for page in pages:
        for name, extractor in extractors.items():
            results[name].append(run_page(extractor, page, METADATA.get(name)))
    summaries = {name: summarise(pages, res) for name, res in results.items()}
    return pages, results, summaries


def report(
    root: Path, pages: list[Page], results: dict[str, list[Result]], summaries: dict[str, Summary]
) -> int:
    """Print one corpus's table; return its number of collapsed pages."""
    print(f"corpus: {root} ({len(pages)} pages)")
    print(format_table(summaries))
    if "trafilatura" not in summaries:
        return 0
    ours, theirs = summaries["newsetl"], summaries["trafilatura"]
    low, high = bootstrap_difference(results["newsetl"], results["trafilatura"])
    print(
        f"\nF1 newsetl - trafilatura: {ours.f1 - theirs.f1:+.3f} overall "
        f"(paired bootstrap 95%: {low:+.3f} to {high:+.3f}); "
        + ", ".join(
            f"{name} {s.f1 - theirs.per_dataset[name].f1:+.3f}"
            for name, s in ours.per_dataset.items()
        )
    )
    ratio = ours.pages_per_second / theirs.pages_per_second
    print(f"throughput newsetl / trafilatura: {ratio:.2f}")
    down = collapsed(results["newsetl"], results["trafilatura"])
    print(
        f"collapsed pages (newsetl recall < {COLLAPSED_RECALL}, trafilatura >= "
        f"{COLLAPSED_REFERENCE}): {len(down)}"
        + (": " if down else "")
        + " ".join(pages[i].id for i in down)
    )
    worst = worst_pages(pages, results["newsetl"], results["trafilatura"])
    if worst:
        print(f"\n{len(worst)} pages that lost most against trafilatura (F1 newsetl / theirs):")
        for page, a, b in worst:
            print(
                f"  {page.id:<32} {a.f1:.3f} / {b.f1:.3f}  (recall {a.recall:.3f} / "
                f"{b.recall:.3f}, words {a.words} / {b.words})"
            )
    return len(down)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsetl eval-extraction",
        description="Score article body, title, authors and date extraction on corpora of "
        "saved pages, each corpus on its own.",
    )
    parser.add_argument(
        "corpus",
        type=Path,
        nargs="+",
        help="folder with html/<id>.html or html/<id>.html.gz and ground-truth.json",
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        choices=sorted(set(EXTRACTORS) - {"newsetl"}),
        help="also score this extractor on the same pages",
    )
    parser.add_argument("--per-page", type=Path, help="write per-page scores, worst first, here")
    parser.add_argument(
        "--limit", type=int, help="score only N pages of each corpus (spread across datasets)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for root in args.corpus:
        if not (root / "ground-truth.json").is_file() or not (root / "html").is_dir():
            print(f"{root}: expected html/<id>.html[.gz] and ground-truth.json", file=sys.stderr)
            return 2
    if args.per_page and len(args.corpus) > 1:
        args.per_page.unlink(missing_ok=True)
    total_collapsed = 0
    for n, root in enumerate(args.corpus):
        pages, results, summaries = evaluate(root, args.compare, args.limit)
        if not pages:
            print(f"{root}: no pages", file=sys.stderr)
            return 2
        if n:
            print()
        total_collapsed += report(root, pages, results, summaries)
        if args.per_page:
            write_per_page(
                args.per_page,
                pages,
                results,
                corpus=root.name if len(args.corpus) > 1 else None,
            )
    if len(args.corpus) > 1 and args.compare:
        print(f"\ncollapsed pages over the {len(args.corpus)} corpora: {total_collapsed}")
    if args.per_page:
        print(f"per-page scores, worst first: {args.per_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
