"""Reports for people, in the terminal."""

from __future__ import annotations

import textwrap

from sqlalchemy import text

from newsetl import db


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


def main(url: str, args) -> int:
    print_summary(url)
    return 0
