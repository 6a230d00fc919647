"""``newsetl eval-stories FILE``: score the stories report on a labelled day of headlines.

FILE is a CSV with the columns ``title``, ``url``, ``publisher``, ``story`` (the label: rows
with the same label tell the same story) and ``published_at`` (ISO 8601), one row per
headline. The headlines go into a scratch PostgreSQL cluster (or ``--database URL``, an
empty migrated database) by a real crawl: ``scrapy crawl headlines -a file=FILE`` yields them
as Headline items, sighted at their ``published_at``, through the project's item pipelines
(``ITEM_PIPELINES``: clean, normalise, validate, dedup, store). Then the day's reports run
(``newsetl.reporting.run.refresh``), and the stories are compared with the labels:

- pairwise precision, recall and F1 over the pairs of headlines of different publishers
  (a pair is predicted together when both are members of one story);
- B-cubed precision, recall and F1 over all headlines (a headline in no story is a story of
  its own);
- the largest story and how many labels it mixes;

against a baseline in the same run: TF-IDF cosine similarity of titles (scikit-learn's
defaults, English stop words) with single-link grouping (connected components of the pairs
at or above a threshold), stories of 2 publishers or more. The baseline is scored at each of
``BASELINE_THRESHOLDS`` and its best pairwise F1 is the one compared: a baseline tuned in
hindsight. Prints the stories report's runtime too.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from newsetl import db
from newsetl.localdb import throwaway_cluster

BASELINE_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(pred: Sequence, gold: Sequence, outlets: Sequence) -> tuple[float, float, float]:
    """Precision, recall, F1 over the pairs of items of different outlets: a pair is
    positive when both items share a label (exact counts from the contingency tables)."""

    def together(*labelings) -> int:
        keys = list(zip(*labelings, strict=True))
        same = sum(pairs(n) for n in Counter(keys).values())
        same_outlet = sum(pairs(n) for n in Counter(zip(keys, outlets, strict=True)).values())
        return same - same_outlet

    both, predicted, actual = together(pred, gold), together(pred), together(gold)
    precision = both / predicted if predicted else 0.0
    recall = both / actual if actual else 0.0
    return precision, recall, f1(precision, recall)


def bcubed(pred: Sequence, gold: Sequence) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin) of a labelling ``pred``."""
    in_pred, in_gold = Counter(pred), Counter(gold)
    joint = Counter(zip(pred, gold, strict=True))
    n = len(pred)
    precision = sum(joint[p, g] / in_pred[p] for p, g in zip(pred, gold, strict=True)) / n
    recall = sum(joint[p, g] / in_gold[g] for p, g in zip(pred, gold, strict=True)) / n
    return precision, recall, f1(precision, recall)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def baseline(titles: Sequence[str], outlets: Sequence[str], threshold: float) -> list[int]:
    """TF-IDF cosine single link: a label per title; titles in no story of 2 or more
    outlets get a label of their own."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english").fit_transform(titles)
    similar = vectors @ vectors.T
    similar.data[similar.data < threshold] = 0
    similar.eliminate_zeros()
    _, labels = connected_components(similar, directed=False)
    return stories_only(labels.tolist(), outlets)


def stories_only(labels: Sequence, outlets: Sequence) -> list:
    """Labels of groups of one outlet replaced by one label per item (no story)."""
    sources: dict = {}
    for label, outlet in zip(labels, outlets, strict=True):
        sources.setdefault(label, set()).add(outlet)
    return [label if len(sources[label]) >= 2 else ("none", i) for i, label in enumerate(labels)]


def scores(pred: Sequence, gold: Sequence, outlets: Sequence) -> dict:
    members = Counter(p for p in pred if not (isinstance(p, tuple) and p[0] == "none"))
    largest = max(members, key=members.get) if members else None
    mix = Counter(g for p, g in zip(pred, gold, strict=True) if p == largest)
    return {
        "pairwise": pairwise(pred, gold, outlets),
        "bcubed": bcubed(pred, gold),
        "stories": len(members),
        "largest": members.get(largest, 0),
        "largest_labels": len(mix),
        "largest_mix": mix.most_common(),
    }


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missing = {"title", "url", "publisher", "story", "published_at"} - set(rows[0] if rows else {})
    if missing:
        raise SystemExit(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    return rows


def store(url: str, path: Path) -> None:
    """Store the file's headlines in ``url`` by a real crawl: ``scrapy crawl headlines``
    through the project's item pipelines (its log is shown when it fails)."""
    from newsetl.crawls import crawl_problems, run_scrapy

    log: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsetl-eval-spool-") as spool:
        code, stats = run_scrapy(
            "headlines",
            None,
            url,
            settings={"SPOOL_DIR": spool},
            echo=log.append,
            options=["-a", f"file={path.resolve()}"],  # the crawl runs in the repo
        )
    if problems := crawl_problems(code, stats):
        raise SystemExit("\n".join([*log[-40:], *problems]))


def evaluate(url: str, path: Path) -> dict:
    """Load, run the day's reports, score. Returns the figures (see ``report``)."""
    from newsetl.normalize import normalize_article_url
    from newsetl.reporting.run import refresh

    rows = read_rows(path)
    store(url, path)
    engine = db.engine(url)
    with engine.connect() as conn:
        headlines = {
            (source, link): (id_, title)
            for source, link, id_, title in conn.execute(text(db.query("eval_headline_ids")))
        }
        stored = [
            (row, *headlines[key])
            for row in rows
            if (key := (row["publisher"], normalize_article_url(row["url"]))) in headlines
        ]
        first, last = conn.execute(text(db.query("eval_headline_span"))).one()
    days = [first.date() + timedelta(days=n) for n in range((last.date() - first.date()).days + 1)]
    timings = {"stories": 0.0, "reports": 0.0}
    for day in days:
        seconds = refresh(url, day)
        timings["stories"] += seconds["stories"]
        timings["reports"] += sum(seconds.values())
    with engine.connect() as conn:
        story_of = dict(conn.execute(text(db.query("eval_story_members"))).all())
    engine.dispose()
    members = [f"headline:{id_}" for _, id_, _ in stored]
    gold = [row["story"] for row, _, _ in stored]
    outlets = [row["publisher"] for row, _, _ in stored]
    titles = [title or "" for _, _, title in stored]
    pred = [story_of.get(m, ("none", m)) for m in members]
    base = {t: scores(baseline(titles, outlets, t), gold, outlets) for t in BASELINE_THRESHOLDS}
    best = max(base, key=lambda t: base[t]["pairwise"][2])
    return {
        "rows": len(rows),
        "headlines": len(stored),
        "outlets": len(set(outlets)),
        "labels": len(set(gold)),
        "days": days,
        "ours": scores(pred, gold, outlets),
        "baseline": base,
        "baseline_threshold": best,
        "timings": timings,
    }


def report(result: dict) -> str:
    def line(name: str, s: dict) -> str:
        (pp, pr, pf), (bp, br, bf) = s["pairwise"], s["bcubed"]
        return (
            f"{name:<34} {pp:6.3f} {pr:6.3f} {pf:6.3f}   {bp:6.3f} {br:6.3f} {bf:6.3f}"
            f"   {s['stories']:7d} {s['largest']:8d} {s['largest_labels']:7d}"
        )

    ours, best = result["ours"], result["baseline_threshold"]
    lines = [
        f"{result['headlines']} headlines stored of {result['rows']} rows, "
        f"{result['outlets']} outlets, {result['labels']} labelled stories, "
        f"day(s) {', '.join(map(str, result['days']))}",
        "",
        f"{'':<34} {'pairwise (cross-outlet)':<22}   {'B-cubed':<20}   stories  largest  labels",
        f"{'':<34} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}",
        line("stories report", ours),
    ]
    for threshold, s in result["baseline"].items():
        mark = " (best)" if threshold == best else ""
        lines.append(line(f"TF-IDF single link >= {threshold}{mark}", s))
    gain = ours["pairwise"][2] - result["baseline"][best]["pairwise"][2]
    mix = ", ".join(f"{label} x{n}" for label, n in ours["largest_mix"])
    lines += [
        "",
        f"pairwise F1 gain over the best baseline: {gain:+.3f}",
        f"largest story: {ours['largest']} headlines, labels: {mix}",
        f"runtime: stories report {result['timings']['stories']:.2f} s; all daily reports "
        f"{result['timings']['reports']:.2f} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="newsetl eval-stories", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("file", type=Path, help="labelled CSV (title, url, publisher, story, ...)")
    parser.add_argument(
        "--database", metavar="URL", help="an empty, migrated database (default: a scratch one)"
    )
    args = parser.parse_args(argv)
    if args.database:
        result = evaluate(args.database, args.file)
    else:
        with throwaway_cluster("newsetl-eval-stories-") as cluster:
            result = evaluate(cluster.url, args.file)
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
