"""What Scrapy runs besides the spiders (``spiders/``) and item pipelines (``pipelines/``):
the spiders' base class, settings, middlewares, extensions, the shared frontier and the
``scrapy crawl`` command."""

# The close reason of a crawl that stopped because neither the database nor the spool took
# its items (newsetl.crawling.extensions.CrawlRuns); newsetl.crawls reads it from the stats.
STORE_FAILED = "store_failed"
