from collections import Counter, defaultdict

from newsetl.extraction.titles import last_part, strip_site_parts
from newsetl.items import Article
from pipelines import CountingPipeline

SUFFIX_PAGES = 3  # a <title> ending shared by this many of a source's pages is its name


class SiteSuffixPipeline(CountingPipeline):
    """Takes off an article title's site part that the source's pages repeat: the last
    part of their ``<title>`` ("… | Harbour Ledger Weekly"), shared by ``SUFFIX_PAGES``
    pages of the source in this crawl. A page alone cannot tell it from the headline when
    nothing on the page names the site (og:site_name, the publisher, the host name).

    The pages of a crawl before the ``SUFFIX_PAGES``-th with that ending keep it."""

    def __init__(self, stats):
        super().__init__(stats)
        self.endings: dict[str, Counter[str]] = defaultdict(Counter)

    def process_item(self, item):
        if not isinstance(item, Article) or not item.title:
            return item
        endings = self.endings[item.source]
        if ending := last_part(item.title_variants.get("title")):
            endings[ending] += 1
        if endings[last_part(item.title)] < SUFFIX_PAGES:
            return item  # the title does not end with a repeated part: left as it is
        title = strip_site_parts(item.title, lambda part: endings[part] >= SUFFIX_PAGES)
        if title != item.title:
            item.title = title
            self.stats.inc_value("newsetl/titles/site_suffix")
        return item
