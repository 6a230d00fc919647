from itemadapter import ItemAdapter

from newsetl.items import Article
from newsetl.normalize import (
    article_id,
    normalize_article_url,
    normalize_language,
    to_utc,
    word_count,
)
from pipelines import CountingPipeline


class NormalizePipeline(CountingPipeline):
    """URLs canonicalised (tracking parameters removed), dates to UTC (parsed from the raw
    string when only that is known), language codes, the article id and word count."""

    def _set(self, adapter, name, value):
        if adapter.get(name) != value:
            adapter[name] = value
            self.stats.inc_value(f"newsetl/normalize/{name}")

    def process_item(self, item):
        adapter = ItemAdapter(item)
        url = adapter["url"]
        self._set(adapter, "url", normalize_article_url(url))
        for name in ("published_at", "modified_at"):
            if name in adapter.field_names():
                self._set(adapter, name, to_utc(adapter.get(name) or adapter.get(f"{name}_raw")))
        if isinstance(item, Article):
            base = adapter["url"] or url
            canonical = normalize_article_url(item.canonical_url, base) or adapter["url"]
            self._set(adapter, "canonical_url", canonical)
            self._set(adapter, "image_url", normalize_article_url(item.image_url, base))
            self._set(adapter, "language", normalize_language(item.language))
            self._set(adapter, "word_count", word_count(item.body))
            if canonical:
                item.id = article_id(canonical)
        return item
