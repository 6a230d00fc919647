import scrapy


class ReplaySpider(scrapy.Spider):
    """Fetches nothing: the store pipeline replays the spool into the database when it opens,
    as every crawl does. ``scrapy crawl replay`` after an outage, without crawling; it exits 1
    while items still wait in the spool."""

    name = "replay"

    async def start(self):
        return
        yield
