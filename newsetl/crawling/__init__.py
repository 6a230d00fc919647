"""What Scrapy runs besides the spiders (``spiders/``) and item pipelines (``pipelines/``):
the spiders' base class, settings, middlewares, extensions, the shared frontier and the
``scrapy crawl`` command."""
