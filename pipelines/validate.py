import logging
from datetime import UTC, datetime, timedelta

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from pipelines import CountingPipeline

logger = logging.getLogger(__name__)
FUTURE_TOLERANCE = timedelta(days=1)
REQUIRED = {"Article": ("url", "source", "title", "body"), "Headline": ("url", "source")}


class ValidatePipeline(CountingPipeline):
    """Required fields present (else a counted drop naming the field); a publication time
    in the future is an impossible value: removed and counted, the item kept."""

    def process_item(self, item):
        adapter = ItemAdapter(item)
        kind = type(item).__name__
        for name in REQUIRED[kind]:
            if not adapter.get(name):
                reason = f"{kind.lower()}_missing_{name}"
                self.stats.inc_value(f"newsetl/dropped/{reason}")
                raise DropItem(f"{reason}: {adapter.get('url')!r}")
        horizon = datetime.now(UTC) + FUTURE_TOLERANCE
        for name in ("published_at", "modified_at"):
            if (value := adapter.get(name)) is not None and value > horizon:
                logger.info("%s in the future (%s) removed: %s", name, value, adapter["url"])
                adapter[name] = None
                self.stats.inc_value(f"newsetl/validate/{name}_in_future")
        return item
