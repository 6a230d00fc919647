from scrapy import Request

from newsetl.crawling.spider import NewsSpider
from newsetl.extraction.entries import Entry
from newsetl.extraction.text import CODE_TAGS

MIN_HEADLINE_WORDS = 4  # without a selector, shorter anchors are navigation, not headlines
# the anchor's text without what <script> and <style> elements inside it hold
_VISIBLE_TEXT = f".//text()[not({' or '.join(f'ancestor::{tag}' for tag in CODE_TAGS)})]"


class ListingSpider(NewsSpider):
    """Front and section pages: headline links (the source's ``links`` CSS selector, else
    every same-site link with a headline-length anchor) with their text and position.
    ``scrapy crawl listing [-a source=NAME] [-a refetch=true]``"""

    name = "listing"
    entry_point_kind = "listing"

    def entry_requests(self, source):
        for listing in source.listings:
            yield Request(
                listing.url,
                self.parse,
                errback=self.fetch_failed,
                cb_kwargs={"source": source, "selector": listing.links},
                meta={"entry_point": "listing", "source": source.name},
            )

    def parse(self, response, source, selector):
        anchors = response.css(selector or "a[href]")
        entries = []
        for anchor in anchors:
            href = anchor.attrib.get("href") or anchor.css("a::attr(href)").get()
            title = " ".join(" ".join(anchor.xpath(_VISIBLE_TEXT).getall()).split())
            if href and (selector or len(title.split()) >= MIN_HEADLINE_WORDS):
                entries.append(Entry(url=href, title=title or None))
        yield from self.follow(response, source, "listing", entries)
