import logging
import re
from pathlib import Path

from scrapy import Request

from newsetl.config import Source, load_sources, source_for_url
from newsetl.spider import NewsSpider

logger = logging.getLogger(__name__)
URL = re.compile(r"https?://[^\s<>\"']+")


def host_source(name: str) -> Source:
    """A source for a URL whose host no configured source owns."""
    return Source(
        name=name,
        title=name,
        homepage=f"https://{name}/",
        allowed_domains=(name,),
        language="",
        country="",
    )


class UrlsSpider(NewsSpider):
    """Articles from a file of URLs, one per line (lines starting with ``#`` are skipped).
    ``scrapy crawl urls -a urls=FILE [-a source=NAME] -O out.jsonl``. Without ``source``,
    each URL goes to the configured source whose homepage or domain matches, else to a
    source named after its host; with it, URLs off the source's domains are skipped."""

    name = "urls"

    def __init__(self, *args, urls: str | None = None, **kwargs):
        if not urls:
            raise ValueError("the urls spider needs -a urls=FILE (one URL per line)")
        super().__init__(*args, **kwargs)
        configured = load_sources()
        lines = Path(urls).read_text(encoding="utf-8").splitlines()
        found = [
            u for line in lines if not line.lstrip().startswith("#") for u in URL.findall(line)
        ]
        self.targets: list[tuple[str, Source]] = []
        for url in found:
            if self.source:
                source = configured[self.source]
                if not source.owns(url):
                    logger.warning("Skipped %s: not on source %s", url, self.source)
                    continue
            else:
                name = source_for_url(url, configured)
                source = configured.get(name) or host_source(name)
            self.targets.append((url, source))
        self.skipped = len(found) - len(self.targets)
        self.allowed_domains = sorted({d for _, s in self.targets for d in s.allowed_domains})

    def select_sources(self, sources, name):
        return super().select_sources(sources, name) if name else []

    async def start(self):
        self.crawler.stats.set_value("newsetl/urls/skipped_offsite", self.skipped)
        for url, source in self.targets:
            yield Request(
                url, self.parse_article, errback=self.fetch_failed, cb_kwargs={"source": source}
            )
