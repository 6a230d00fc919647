"""Reports for people: the crawl summary (``make demo``), and the daily reports in the
terminal or as one self-contained HTML page (``newsetl report [--day D] [--html FILE]``),
rendered by ``newsetl.reporting.render``.

The daily reports read the ``report_*`` views (docs/REPORTS.md) and the crawl tables through
the ``queries/`` of each report folder (``sql/reports/<report>/queries``); ``--refresh``
recomputes the day first (newsetl.reporting.run.refresh).
"""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from newsetl import db
from newsetl.reporting import query
from newsetl.reporting.render import QUIET_GAPS, VOLUME_DAYS, render_html, render_text
from newsetl.reporting.run import run_checks


def print_summary(url: str, latest: int = 10) -> None:
    """Headlines and articles per source, the latest headlines, one full article."""
    engine = db.engine(url)
    with engine.connect() as conn:
        sources = conn.execute(text(db.query("summary_sources"))).all()
        headlines = conn.execute(
            text(db.query("summary_latest_headlines")), {"limit": latest}
        ).all()
        article = conn.execute(text(db.query("summary_article"))).first()
    engine.dispose()
    print(f"{'source':<20} {'headlines':>9} {'articles':>9}")
    for row in sources:
        print(f"{row.source:<20} {row.headlines:>9} {row.articles:>9}")
    print(
        f"{'total':<20} {sum(r.headlines for r in sources):>9} "
        f"{sum(r.articles for r in sources):>9}"
    )
    print("\nLatest headlines")
    for row in headlines:
        print(f"  {row.at:%Y-%m-%d %H:%M} UTC  [{row.source}] {row.title}")
    if article:
        print(f"\nLatest article: {article.title}")
        print(
            f"  {article.source} | {', '.join(article.authors) or 'no byline'} | "
            f"{article.published_at:%Y-%m-%d %H:%M} UTC | {article.language} | "
            f"{article.word_count} words"
        )
        print(f"  {article.canonical_url}\n")
        for paragraph in article.body.split("\n"):
            print(textwrap.fill(paragraph, width=88, initial_indent="  ", subsequent_indent="  "))
            print()


def load_day(url: str, day: date, stories: int = 10, terms: int = 15) -> dict[str, list]:
    """Everything the daily report shows, read from the report views."""
    engine = db.engine(url)
    try:
        with engine.connect() as conn:

            def rows(report: str, name: str, **params) -> list:
                return conn.execute(query(report, name), {"day": day} | params).all()

            data = {
                "stats": rows("daily_source_stats", "source_stats"),
                "stories": rows("stories", "top_stories", limit=stories),
                "terms": rows("trending_terms", "trending_terms", limit=terms),
                "volume": rows("daily_source_stats", "daily_volume", days=VOLUME_DAYS),
                "health": rows("crawl_health", "crawl_health"),
                "crawls": rows("crawl_health", "last_crawls"),
                "feed_health": rows("crawl_health", "feed_health", gaps=QUIET_GAPS),
            }
            story_ids = [story.story_id for story in data["stories"]]
            data["members"] = rows("stories", "story_members", story_ids=story_ids)
    finally:
        engine.dispose()
    end_of_day = datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC)
    data["checks"] = run_checks(url, day, min(end_of_day, datetime.now(UTC)))
    return data


def main(url: str, args) -> int:
    """``newsetl report``: the day's reports (``args.day``, default today UTC) in the
    terminal, and as an HTML page when ``args.html`` names a file; ``args.refresh``
    recomputes the day first."""
    day = date.fromisoformat(args.day) if args.day else datetime.now(UTC).date()
    if getattr(args, "refresh", False):
        from newsetl.reporting.run import refresh

        refresh(url, day)
    data = load_day(url, day)
    print(render_text(day, data))
    if args.html:
        Path(args.html).write_text(render_html(day, data), encoding="utf-8")
        print(f"\nwrote {args.html}")
    return 0
