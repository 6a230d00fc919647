from scrapy.exceptions import DropItem

from newsetl.items import Article
from pipelines import CountingPipeline


class DedupPipeline(CountingPipeline):
    """Drops an item already seen in this run: an article with the same id, or the same
    headline seen again on the same entry point."""

    def __init__(self, stats):
        super().__init__(stats)
        self.seen: set[tuple] = set()

    def process_item(self, item):
        if isinstance(item, Article):
            key = ("article", item.id)
        else:
            key = ("headline", item.source, item.url, item.entry_point)
        if key in self.seen:
            self.stats.inc_value(f"newsetl/dedup/{key[0]}")
            raise DropItem(f"duplicate {key[0]} in this run: {item.url}")
        self.seen.add(key)
        return item
