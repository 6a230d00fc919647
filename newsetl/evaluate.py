"""``newsetl eval-extraction CORPUS``: score article extraction on a corpus of saved pages.

A corpus is ``html/<id>.html`` plus ``ground-truth.json`` (``{id: {articleBody, url,
title?, dataset?}}``). Bodies are scored on word 4-gram shingles (tokens: runs of word
characters, case-sensitive): per-page precision and recall are averaged over pages and F1
is computed from the two averages; a bootstrap over pages gives its 95% interval. An empty
extraction scores 0 precision and 0 recall. Titles are compared exactly (whitespace
collapsed) where the truth has one. ``--compare trafilatura`` scores plain
``trafilatura.extract(html, url=..., include_comments=False)`` on the same pages; the
extractors take turns page by page (after an untimed warm-up on the first pages) so that
their throughput ratio survives a shared, noisy machine, and a paired bootstrap gives the
95% interval of the F1 difference.

Run it as ``newsetl eval-extraction CORPUS`` or ``python -m newsetl.evaluate CORPUS``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsetl.extraction.score import f1, shingle_scores
from newsetl.extraction.text import clean

BOOTSTRAP_ROUNDS = 1000
WARM_UP_PAGES = 3
PLACEHOLDER_URL = "https://example.invalid/{id}"


@dataclass
class Page:
    id: str
    dataset: str
    url: str | None
    html: str
    body: str
    title: str | None


@dataclass
class Result:
    """One extractor's output and scores on one page."""

    precision: float
    recall: float
    f1: float
    title_match: bool | None
    seconds: float
    words: int


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
    per_dataset: dict[str, Summary] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def dataset_of(page_id: str, entry: dict) -> str:
    """The ``dataset`` field, else the id's prefix (``readability-012`` -> ``readability``)."""
    return entry.get("dataset") or page_id.split("-", 1)[0]


def load_corpus(root: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        path = root / "html" / f"{page_id}.html"
        if not path.exists():
            continue
        pages.append(
            Page(
                id=page_id,
                dataset=dataset_of(page_id, entry),
                url=entry.get("url"),
                html=path.read_text(encoding="utf-8", errors="replace"),
                body=entry.get("articleBody") or "",
                title=entry.get("title"),
            )
        )
    if limit is not None and limit < len(pages):
        pages = _round_robin(pages, limit)
    return pages


def _round_robin(pages: list[Page], limit: int) -> list[Page]:
    """The first ``limit`` pages taken from each dataset in turn (a quick, balanced run)."""
    by_set: dict[str, list[Page]] = {}
    for page in pages:
        by_set.setdefault(page.dataset, []).append(page)
    queues = [list(reversed(v)) for _, v in sorted(by_set.items())]
    out: list[Page] = []
    while len(out) < limit:
        for queue in queues:
            if queue and len(out) < limit:
                out.append(queue.pop())
    return sorted(out, key=lambda p: p.id)


# --- extractors: page -> (body, title) -----------------------------------------------------
def newsetl_extractor(page: Page) -> tuple[str | None, str | None]:
    from newsetl.extract import extract_article

    article = extract_article(page.html, page.url or PLACEHOLDER_URL.format(id=page.id))
    return (article.body, article.title) if article else (None, None)


def trafilatura_extractor(page: Page) -> tuple[str | None, str | None]:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, include_comments=False), None


def trafilatura_title(page: Page) -> str | None:
    """trafilatura's metadata title (not timed: plain ``extract`` does not compute it)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(page.html)
    return extract_metadata(tree, page.url).title if tree is not None else None


EXTRACTORS: dict[str, Callable[[Page], tuple[str | None, str | None]]] = {
    "newsetl": newsetl_extractor,
    "trafilatura": trafilatura_extractor,
}


def run_page(extractor: Callable, page: Page, title_fn: Callable | None = None) -> Result:
    start = time.perf_counter()
    try:
        body, title = extractor(page)
    except Exception as err:  # noqa: BLE001 - a crash on one page scores as empty
        print(f"error on {page.id}: {err!r}", file=sys.stderr)
        body, title = None, None
    seconds = time.perf_counter() - start
    if title_fn is not None:
        title = title_fn(page)
    p, r, f = shingle_scores(body, page.body)
    match = None if page.title is None else clean(title) == clean(page.title)
    return Result(p, r, f, match, seconds, len((body or "").split()))


def run(extractor: Callable, pages: list[Page], title_fn: Callable | None = None) -> list[Result]:
    return [run_page(extractor, page, title_fn) for page in pages]


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
    titled = [r.title_match for r in results if r.title_match is not None]
    return Summary(
        pages=n,
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
        f1_low=low,
        f1_high=high,
        title_pages=len(titled),
        title_exact=sum(titled) / len(titled) if titled else None,
        seconds=sum(r.seconds for r in results),
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


# --- output ----------------------------------------------------------------------------
HEADER = (
    f"{'dataset':<20} {'pages':>5}  {'extractor':<12} {'precision':>9} {'recall':>7} "
    f"{'F1':>6} {'F1 95% interval':>16} {'title':>11} {'pages/s':>8}"
)


def format_table(summaries: dict[str, Summary]) -> str:
    lines = [HEADER, "-" * len(HEADER)]
    first = next(iter(summaries.values()))
    names = [*first.per_dataset, "overall"]
    for name in names:
        for extractor, summary in summaries.items():
            s = summary if name == "overall" else summary.per_dataset[name]
            title = f"{s.title_exact:.3f} ({s.title_pages})" if s.title_exact is not None else "-"
            speed = f"{s.pages_per_second:8.1f}"
            lines.append(
                f"{name:<20} {s.pages:>5}  {extractor:<12} {s.precision:>9.3f} {s.recall:>7.3f} "
                f"{s.f1:>6.3f} {f'{s.f1_low:.3f}-{s.f1_high:.3f}':>16} {title:>11} {speed}"
            )
    return "\n".join(lines)


def write_per_page(
    path: Path, pages: list[Page], results: dict[str, list[Result]], worst: int | None = None
) -> None:
    """Pages sorted worst first (by newsetl's F1), one tab-separated line each."""
    names = list(results)
    head = ["id", "dataset"]
    for name in names:
        head += [f"{name}_precision", f"{name}_recall", f"{name}_f1", f"{name}_words"]
    head.append("title_match")
    rows = []
    for i, page in enumerate(pages):
        row: list[str] = [page.id, page.dataset]
        for name in names:
            r = results[name][i]
            row += [f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}", str(r.words)]
        match = results[names[0]][i].title_match
        row.append("" if match is None else str(int(match)))
        rows.append((results[names[0]][i].f1, page.id, row))
    rows.sort(key=lambda t: (t[0], t[1]))
    if worst is not None:
        rows = rows[:worst]
    lines = ["\t".join(head)] + ["\t".join(row) for _, _, row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate(
    root: Path, compare: Iterable[str] = (), limit: int | None = None
) -> tuple[list[Page], dict[str, list[Result]], dict[str, Summary]]:
    pages = load_corpus(root, limit)
    extractors = {"newsetl": newsetl_extractor}
    extractors.update((name, EXTRACTORS[name]) for name in compare if name != "newsetl")
    title_fns = {"trafilatura": trafilatura_title}
    for page in pages[:WARM_UP_PAGES]:  # imports, models, suffix lists: not timed
        for extractor in extractors.values():
            run_page(extractor, page)
    # the extractors take turns page by page, so a change in the machine's load during the
    # run slows them alike and the throughput ratio stays fair
    results: dict[str, list[Result]] = {name: [] for name in extractors}
    for page in pages:
        for name, extractor in extractors.items():
            results[name].append(run_page(extractor, page, title_fns.get(name)))
    summaries = {name: summarise(pages, res) for name, res in results.items()}
    return pages, results, summaries


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsetl eval-extraction",
        description="Score article-body and title extraction on a corpus of saved pages.",
    )
    parser.add_argument(
        "corpus", type=Path, help="folder with html/<id>.html and ground-truth.json"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        choices=sorted(set(EXTRACTORS) - {"newsetl"}),
        help="also score this extractor on the same pages",
    )
    parser.add_argument("--per-page", type=Path, help="write per-page scores, worst first, here")
    parser.add_argument("--limit", type=int, help="score only N pages (taken across datasets)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root: Path = args.corpus
    if not (root / "ground-truth.json").is_file() or not (root / "html").is_dir():
        print(f"{root}: expected html/<id>.html and ground-truth.json", file=sys.stderr)
        return 2
    pages, results, summaries = evaluate(root, args.compare, args.limit)
    if not pages:
        print(f"{root}: no pages", file=sys.stderr)
        return 2
    print(f"corpus: {root} ({len(pages)} pages)")
    print(format_table(summaries))
    if "trafilatura" in summaries:
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
    if args.per_page:
        write_per_page(args.per_page, pages, results)
        print(f"per-page scores, worst first: {args.per_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
