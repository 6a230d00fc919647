"""Throughput of extract_article against plain trafilatura (not collected by pytest).

    python tests/benchmarks/bench_extraction.py [CORPUS] [--rounds N]

Always measures the project's saved pages (tests/pages); with CORPUS (a folder with
html/<id>.html or html/<id>.html.gz) it measures those pages too. Prints pages/s for both
and their ratio.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import trafilatura

from newsetl.evaluate import read_page
from newsetl.extract import extract_article

PAGES = Path(__file__).resolve().parent.parent / "pages"


def saved_pages() -> list[tuple[str, str | None]]:
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    return [
        ((PAGES / f"{name}.html").read_text(encoding="utf-8"), entry["url"])
        for name, entry in sorted(expected.items())
    ]


def corpus_pages(root: Path) -> list[tuple[str, str | None]]:
    truth_file = root / "ground-truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    ids = sorted({path.name.split(".html")[0] for path in (root / "html").glob("*.html*")})
    return [(read_page(root / "html", i), truth.get(i, {}).get("url")) for i in ids]


def pages_per_second(fns, pages, rounds: int) -> list[float]:
    """Pages/s of each function; they take turns page by page, so a change in the
    machine's load slows them alike (the machine is shared)."""
    seconds = [0.0] * len(fns)
    for _ in range(rounds):
        for html, url in pages:
            for i, fn in enumerate(fns):
                start = time.perf_counter()
                fn(html, url)
                seconds[i] += time.perf_counter() - start
    return [rounds * len(pages) / s for s in seconds]


def ours(html: str, url: str | None) -> None:
    extract_article(html, url or "https://example.invalid/")


def plain_trafilatura(html: str, url: str | None) -> None:
    trafilatura.extract(html, url=url, include_comments=False)


def bench(label: str, pages, rounds: int) -> None:
    for page in pages[:20]:  # warm-up: imports, language model, suffix list
        ours(*page)
        plain_trafilatura(*page)
    a, b = pages_per_second([ours, plain_trafilatura], pages, rounds)
    print(
        f"{label}: {len(pages)} pages x {rounds}: newsetl {a:.1f} pages/s, "
        f"trafilatura {b:.1f} pages/s, ratio {a / b:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the saved pages")
    args = parser.parse_args(argv)
    bench("saved pages", saved_pages(), args.rounds)
    if args.corpus:
        bench(str(args.corpus), corpus_pages(args.corpus), 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
