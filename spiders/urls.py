import logging
import re
from pathlib import Path

from scrapy import Request

from newsetl.config import Source, load_sources, source_for_url
from newsetl.crawling.spider import NewsSpider, SpiderArgumentError
from newsetl.normalize import normalize_article_url

logger = logging.getLogger(__name__)
URL = re.compile(r"""https?://[^\s<>"'{}`|\\^]+""")


def _unwrapped(url: str) -> str:
    """``url`` without the punctuation that closes a sentence, a Markdown link or brackets
    around it: ``(url)``, ``[text](url)``, ``url.``; a bracket the URL opened is kept."""
    while url and url[-1] in ".,;:!?)]":
        closing = url[-1]
        opening = {")": "(", "]": "["}.get(closing)
        if opening and url.count(opening) >= url.count(closing):
            break
        url = url[:-1]
    return url


def read_urls(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The http(s) URLs in a file's text, and the lines that hold none or a malformed one, as
    (line number, reason). Blank lines and lines starting with ``#`` are skipped."""
    urls, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = [_unwrapped(url) for url in URL.findall(line)]
        if not found:
            bad.append((number, "no http(s) URL"))
        for url in found:
            if normalize_article_url(url) is None:
                bad.append((number, f"not a valid URL: {url}"))
            else:
                urls.append(url)
    return urls, bad


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
    """Articles from a file of URLs, one per line (lines starting with ``#`` are skipped;
    Markdown or HTML punctuation around a URL is dropped; a line without a valid URL is
    skipped and counted with its number). ``scrapy crawl urls -a urls=FILE [-a source=NAME]
    -O out.jsonl``. Without ``source``, each URL goes to the configured source whose homepage
    or domain matches, else to a source named after its host; with it, URLs off the source's
    domains are skipped."""

    name = "urls"

    def __init__(self, *args, urls: str | None = None, **kwargs):
        if not urls:
            raise SpiderArgumentError("the urls spider needs -a urls=FILE (one URL per line)")
        super().__init__(*args, **kwargs)
        configured = load_sources()
        try:
            text = Path(urls).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise SpiderArgumentError(f"cannot read the urls file {urls}: {exc.strerror}") from None
        found, self.bad_lines = read_urls(text)
        if not found:
            raise SpiderArgumentError(
                f"no URL in {urls}: give one http(s) URL per line"
                + (f" ({len(self.bad_lines)} lines without a valid one)" if self.bad_lines else "")
            )
        for number, reason in self.bad_lines:
            logger.warning("%s, line %d skipped: %s", urls, number, reason)
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
        if self.bad_lines:
            self.crawler.stats.set_value("newsetl/urls/bad_lines", len(self.bad_lines))
        for url, source in self.targets:
            yield Request(
                url, self.parse_article, errback=self.fetch_failed, cb_kwargs={"source": source}
            )
