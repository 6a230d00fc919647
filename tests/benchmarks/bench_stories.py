"""Benchmark: the stories report on synthetic days of headlines.

    .venv/bin/python tests/benchmarks/bench_stories.py [N ...]   (default: 5000 20000 50000)

Starts a throwaway PostgreSQL cluster; for each N, loads a synthetic day of N headlines from
1,000 outlets (no article bodies, as most feeds give), then times ``newsetl.stories.refresh``
for that day (read, group, write), the grouping alone (``stories.story_ids``, warm caches),
and ``newsetl.trending.refresh``.

A synthetic day: events told by 2-12 outlets each, every outlet in its own words (an event
has two made-up names and three topic words; each headline takes one or two names, two topic
words and 2-5 other words), and headlines of one outlet (a name and 4-7 words). Words are
drawn from English by their frequency (wordfreq). Seeded: the same N gives the same day.
"""

import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from newsetl import db, stories, trending
from newsetl.localdb import throwaway_cluster

DAY = date(2026, 11, 20)
OUTLETS = 1000


def vocabulary() -> tuple[list[str], list[float]]:
    """English words (wordfreq's 5,000 most frequent, stop words left out) and their
    frequencies: headlines draw their common words from them as English text does."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from wordfreq import top_n_list, word_frequency

    words = [w for w in top_n_list("en", 5000) if w.isalpha() and w not in ENGLISH_STOP_WORDS]
    return words, [word_frequency(w, "en") for w in words]


def name(rng: random.Random) -> str:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))


def synthetic_day(n: int, seed: int = 0) -> list[tuple[str, str, datetime]]:
    """(outlet, title, first seen) for ``n`` headlines."""
    rng = random.Random(seed)
    words, weights = vocabulary()
    start = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC)
    out = []
    while len(out) < n:
        if rng.random() < 0.35:  # an event told by several outlets
            names = [name(rng).title() for _ in range(2)]
            topic = rng.choices(words, weights, k=3)
            for outlet in rng.sample(range(OUTLETS), rng.randint(2, 12)):
                title = rng.sample(names, rng.randint(1, 2)) + rng.sample(topic, 2)
                title += rng.choices(words, weights, k=rng.randint(2, 5))
                rng.shuffle(title)
                out.append((f"outlet-{outlet}", " ".join(title)))
        else:
            title = [name(rng).title(), *rng.choices(words, weights, k=rng.randint(4, 7))]
            rng.shuffle(title)
            out.append((f"outlet-{rng.randrange(OUTLETS)}", " ".join(title)))
    return [
        (outlet, title, start + timedelta(seconds=rng.randrange(86_400)))
        for outlet, title in out[:n]
    ]


def load(url: str, rows) -> None:
    engine = db.engine(url)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE headlines, sources, story_members, daily_stories CASCADE"))
        conn.execute(
            text(
                "INSERT INTO sources (name, title, homepage) "
                "SELECT 'outlet-' || i, 'Outlet ' || i, 'https://outlet-' || i || '.example/' "
                "FROM generate_series(0, :n - 1) AS i"
            ),
            {"n": OUTLETS},
        )
        conn.execute(
            text(
                "INSERT INTO headlines (source, url, title, first_seen_at, last_seen_at) "
                "VALUES (:source, :url, :title, :seen, :seen)"
            ),
            [
                {"source": s, "url": f"https://{s}.example/{i}", "title": t, "seen": seen}
                for i, (s, t, seen) in enumerate(rows)
            ],
        )
    engine.dispose()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5000, 20000, 50000]
    with throwaway_cluster("newsetl-bench-stories-") as cluster:
        stories.group(["warm up wordfreq", "warm up"], ["a", "b"])
        head = ("headlines", "stories s", "grouping s", "stories", "trending s")
        print("".join(f"{h:>12}" for h in head))
        for n in sizes:
            rows = synthetic_day(n)
            load(cluster.url, rows)
            started = time.perf_counter()
            count = stories.refresh(cluster.url, DAY)
            elapsed = time.perf_counter() - started
            docs = [
                stories.Document(f"headline:{i}", s, t, seen) for i, (s, t, seen) in enumerate(rows)
            ]
            started = time.perf_counter()
            stories.story_ids(docs, archive=[], previous={})
            grouping = time.perf_counter() - started
            started = time.perf_counter()
            trending.refresh(cluster.url, DAY)
            terms = time.perf_counter() - started
            print(f"{n:>12}{elapsed:>12.2f}{grouping:>12.2f}{count:>12}{terms:>12.2f}")


if __name__ == "__main__":
    main()
