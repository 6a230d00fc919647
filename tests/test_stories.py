"""The stories report (newsetl.stories): grouping as pure functions on headlines written for
these tests in the style of a real news day, the demo site's shared stories, a story that
goes on past midnight, and ``newsetl eval-stories`` on a small labelled CSV."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest

from demosite import DemoSite
from newsetl import eval_stories, stories
from newsetl.reporting import run

# A day of headlines only (no bodies), three events told by several outlets, and headlines
# that share a word or two with them but tell something else. (label, outlet, title)
# fmt: off
DAY = [
    ("sbarro", "Reuters", "Pizza chain Sbarro files for bankruptcy for second time"),
    ("sbarro", "Bloomberg", "Sbarro Files for Bankruptcy Protection as Mall Traffic Slows"),
    ("sbarro", "Nation's Restaurant News", "Sbarro seeks Chapter 11 protection again"),
    ("sbarro", "CNBC", "Sbarro pizza chain to file Chapter 11 bankruptcy"),
    ("gox", "Reuters", "Mt. Gox CEO Karpeles sued by bitcoin customers in Chicago"),
    ("gox", "The Verge", "Bitcoin exchange Mt. Gox hit by class action in US"),
    ("gox", "Forbes", "Mt. Gox Customers Take Karpeles To Court As Bitcoin Probe Widens"),
    ("titanfall", "IGN", "Titanfall review roundup: what the critics say"),
    ("titanfall", "Polygon", "Titanfall review: a shooter that soars"),
    ("titanfall", "GameSpot", "Titanfall Review Roundup"),
    ("titanfall", "Kotaku", "Titanfall servers strain on launch day"),
    ("other-1", "CNBC", "Oil prices slip as Chinese exports fall"),
    ("other-2", "Forbes", "Five ways to save on your summer holiday"),
    ("other-3", "Polygon", "Nintendo shares climb after console sales beat forecasts"),
]
# fmt: on
D = date(2026, 11, 27)


def at(hour: int, minute: int = 0, day: date = D) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def labelled(clusters: list[list[int]], labels: list[str]) -> list[set[str]]:
    return sorted(({labels[i] for i in members} for members in clusters), key=sorted)


def test_headlines_without_bodies_group_by_event():
    labels, outlets, titles = zip(*DAY, strict=True)
    clusters = stories.group(titles, outlets)
    assert labelled(clusters, labels) == [{"gox"}, {"sbarro"}, {"titanfall"}]
    assert sorted(len(c) for c in clusters) == [3, 4, 4]


def test_grouping_cannot_chain_two_events_through_a_bridging_headline():
    """One headline names both events. Single link joins everything through it at the
    thresholds where it joins each event at all; average link keeps the events apart."""
    x = [
        "Sbarro files for bankruptcy protection again",
        "Pizza chain Sbarro files for bankruptcy",
        "Sbarro seeks bankruptcy protection for second time",
        "Sbarro bankruptcy filing hits pizza chain",
    ]
    y = [
        "US gas exports to Europe get approval",
        "Approval for US gas exports to Europe as Ukraine crisis deepens",
        "Europe looks to US gas exports",
        "US approves more gas exports",
    ]
    bridge = ["Sbarro bankruptcy, US gas exports: what to watch"]
    titles = x + y + bridge
    outlets = [f"outlet-{i}" for i in range(len(titles))]
    chained = eval_stories.baseline(titles, outlets, 0.3)
    assert len(set(chained)) == 1  # single link: one story of everything

    clusters = stories.group(titles, outlets)
    assert [set(c) & set(range(4)) for c in clusters if set(c) & set(range(4, 8))] == [set()]
    assert sorted(map(len, clusters)) == [4, 5]


def test_merge_threshold_falls_with_cluster_size():
    assert stories.merge_threshold(1, 1) == pytest.approx(stories.PAIR_THRESHOLD)
    assert stories.merge_threshold(10, 10) < stories.merge_threshold(2, 1)
    assert stories.merge_threshold(10_000, 10_000) > stories.MIN_SIMILARITY


def test_terms_keep_names_whole_and_fold_case():
    terms = stories.terms("Hong Kong shares sink; HONG KONG's index at low")
    assert terms.count("hong kong") == 2 and "hong" in terms and "kong" in terms
    assert "at" not in terms and "shares" not in terms and "share" in terms


def test_the_demo_sites_shared_stories_are_found():
    """The demo's articles as the report reads them (title, standfirst, lede; bodies for
    near-duplicates): each multi-outlet event is exactly one story, nothing else is."""
    site = DemoSite(now=datetime(2026, 11, 30, 12, tzinfo=UTC))
    docs = [
        stories.Document(
            a.id,
            a.outlet,
            " ".join([a.headline, a.summary, *a.text.split()[:60]]),
            a.published,
            a.text,
        )
        for a in site.articles
    ]
    ids = stories.story_ids(docs, archive=[], previous={})
    found = defaultdict(set)
    for member, story in ids.items():
        found[story].add(member)
    events = site.events()
    assert len(events) == 9
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, events.values()))


def add_headline(sql, source: str, title: str, seen: datetime) -> int:
    sql(
        "INSERT INTO sources (name, title, homepage) VALUES (:s, :s, :h) "
        "ON CONFLICT (name) DO NOTHING",
        s=source,
        h=f"https://{source}.example/",
    )
    slug = "-".join(title.lower().split())[:60]
    return sql(
        "INSERT INTO headlines (source, url, title, first_seen_at, last_seen_at) "
        "VALUES (:s, :u, :t, :at, :at) RETURNING id",
        s=source,
        u=f"https://{source}.example/{slug}",
        t=title,
        at=seen,
    ).scalar_one()


def story_of(sql, day: date) -> dict[int, str]:
    rows = sql("SELECT headline_id, story_id FROM story_members WHERE day = :d", d=day)
    return dict(rows.all())


def test_a_story_that_goes_on_past_midnight_keeps_its_id(db_url, sql):
    sql("TRUNCATE daily_stories, story_members")
    before = D - timedelta(days=1)
    late = [
        add_headline(sql, "alpha", "Magnitude 6.8 earthquake off Chile coast", at(23, 20, before)),
        add_headline(sql, "beta", "Strong earthquake hits off coast of Chile", at(23, 40, before)),
    ]
    early = [
        add_headline(sql, "gamma", "Chile earthquake: tsunami warning lifted", at(0, 10)),
        add_headline(sql, "delta", "Chile coast earthquake damages ports", at(0, 30)),
        add_headline(sql, "alpha", "Aftershocks rattle Chile coast after earthquake", at(1, 0)),
    ]
    other = [
        add_headline(sql, "beta", "Vienna Philharmonic names new chief conductor", at(9)),
        add_headline(sql, "gamma", "Vienna Philharmonic picks new chief conductor", at(10)),
    ]
    run.refresh(db_url, before)
    run.refresh(db_url, D)
    yesterday, today = story_of(sql, before), story_of(sql, D)
    assert set(yesterday) == set(late) and len(set(yesterday.values())) == 1
    (quake_id,) = set(yesterday.values())
    assert quake_id == f"headline:{late[0]}"  # the earliest member
    assert {today[h] for h in early} == {quake_id}  # continued past midnight
    assert {today[h] for h in other} == {f"headline:{other[0]}"}  # a new story: a new id

    first = sql("SELECT * FROM daily_stories ORDER BY day, story_id").all()
    run.refresh(db_url, D)  # a rerun of the day rewrites the same rows
    run.refresh(db_url, before)
    assert sql("SELECT * FROM daily_stories ORDER BY day, story_id").all() == first


def write_csv(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "title", "url", "publisher", "category", "story", "published_at"])
        writer.writerows(rows)


def test_eval_stories_scores_a_labelled_csv(db_url, sql, tmp_path, capsys):
    sql("TRUNCATE daily_stories, story_members, daily_trending_terms, daily_source_stats")
    path = tmp_path / "day.csv"
    rows = []
    for n, (label, outlet, title) in enumerate(DAY, 1):
        host = outlet.lower().replace(" ", "").replace("'", "").replace(".", "")
        url = f"https://www.{host}.example/news/{n}"
        rows.append([n, title, url, outlet, "b", label, at(8 + n % 12, n).isoformat()])
    write_csv(path, rows)

    result = eval_stories.evaluate(db_url, path)
    assert result["headlines"] == len(DAY) and result["labels"] == 6 and result["days"] == [D]
    ours = result["ours"]
    assert ours["pairwise"] == (1.0, 1.0, 1.0) and ours["bcubed"] == (1.0, 1.0, 1.0)
    assert ours["stories"] == 3 and ours["largest"] == 4 and ours["largest_labels"] == 1
    assert set(result["baseline"]) == set(eval_stories.BASELINE_THRESHOLDS)
    assert sql("SELECT count(*) FROM crawl_runs WHERE spider = 'headlines'").scalar() == 1

    assert eval_stories.main([str(path), "--database", db_url]) == 0
    out = capsys.readouterr().out
    assert "14 headlines stored of 14 rows, 10 outlets, 6 labelled stories" in out
    assert "stories report                      1.000  1.000  1.000    1.000" in out


def test_pairwise_and_bcubed_by_hand():
    # items: a1 a2 b1 (outlets x, y, x); predicted all together; labels a a b.
    pred, gold, outlets = [1, 1, 1], ["a", "a", "b"], ["x", "y", "x"]
    # cross-outlet pairs: (0,1) a-a, (1,2) a-b; predicted both, one right.
    assert eval_stories.pairwise(pred, gold, outlets) == (0.5, 1.0, pytest.approx(2 / 3))
    precision, recall, _ = eval_stories.bcubed(pred, gold)
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3) and recall == 1.0
