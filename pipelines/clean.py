from itemadapter import ItemAdapter

from newsetl.normalize import (
    clean_body,
    clean_line,
    clean_list,
    clean_mapping,
    clean_raw,
    clean_title,
)
from pipelines import CountingPipeline

CLEANERS = {
    "title": clean_title,
    "title_variants": clean_mapping,
    "summary": clean_line,
    "description": clean_line,
    "section": clean_line,
    "body": clean_body,
    "authors": clean_list,
    "tags": clean_list,
    "published_at_raw": clean_line,
    "modified_at_raw": clean_line,
    "url_raw": clean_raw,
    "external_id": clean_raw,
}


class CleanPipeline(CountingPipeline):
    """Text fields: HTML entities decoded, mojibake repaired, Unicode NFC, whitespace
    collapsed (a body keeps one paragraph per line), overlong titles cut."""

    def process_item(self, item):
        adapter = ItemAdapter(item)
        for name, clean in CLEANERS.items():
            if name in adapter.field_names() and (value := adapter.get(name)) is not None:
                cleaned = clean(value)
                if cleaned != value:
                    adapter[name] = cleaned
                    self.stats.inc_value(f"newsetl/clean/{name}")
        return item
