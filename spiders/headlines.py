import csv
import logging
from datetime import UTC, datetime
from pathlib import Path

from newsetl.crawling.spider import NewsSpider, SpiderArgumentError
from newsetl.extraction.dates import parse_date
from newsetl.items import Headline

logger = logging.getLogger(__name__)
COLUMNS = ("publisher", "url", "title")  # and published_at (ISO 8601), when known


class HeadlinesSpider(NewsSpider):
    """Headlines listed in a CSV file (a wire's list, an export from another tool), stored
    through the same item pipelines as crawled ones; no page is fetched. ``scrapy crawl
    headlines -a file=FILE``: a row per headline, with the columns ``publisher`` (the source's
    name), ``url``, ``title`` and optionally ``published_at`` (read as feed dates are: ISO
    8601 or RFC 822, UTC without an offset); other columns are ignored. A headline counts as
    seen at its ``published_at``, else now. A row whose ``published_at`` is no date is
    skipped and counted; a row without a URL is dropped by the validation pipeline, as a
    crawled one would be."""

    name = "headlines"

    def __init__(self, *args, file: str | None = None, **kwargs):
        if not file:
            columns = ", ".join(COLUMNS)
            raise SpiderArgumentError(
                f"the headlines spider needs -a file=FILE (a CSV file with the columns {columns})"
            )
        super().__init__(*args, **kwargs)
        self.path = Path(file).resolve()
        try:
            with self.open() as f:
                header = next(csv.reader(f), [])
        except OSError as exc:
            raise SpiderArgumentError(f"cannot read {file}: {exc.strerror}") from None
        if missing := [c for c in COLUMNS if c not in header]:
            raise SpiderArgumentError(f"{file}: no column {', '.join(missing)}")

    def open(self):
        return self.path.open(newline="", encoding="utf-8-sig", errors="replace")

    def select_sources(self, sources, name):
        return []  # the file names its sources

    async def start(self):
        entry_point, now = self.path.as_uri(), datetime.now(UTC)
        with self.open() as f:  # row by row: a file of any size
            rows = csv.DictReader(f)
            for position, row in enumerate(rows, start=1):
                raw = (row.get("published_at") or "").strip() or None
                published = parse_date(raw)  # the dates of feeds and pages: one rule set
                if raw and published is None:
                    self.crawler.stats.inc_value("newsetl/headlines_file/bad_dates")
                    logger.warning(
                        "%s, line %d skipped: published_at %r is no date",
                        self.path,
                        rows.line_num,
                        raw,
                    )
                    continue
                yield Headline(
                    source=row["publisher"],
                    url=row["url"],
                    title=row["title"],
                    published_at=published,
                    published_at_raw=raw,
                    entry_point=entry_point,
                    kind="file",
                    position=position,
                    seen_at=published or now,
                )
