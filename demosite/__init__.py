"""Bundled offline demo news site: three fictional outlets on one local HTTP server.

    >>> from demosite import DemoSite, serve
    >>> server = serve(port=0)                # started in a daemon thread
    >>> server.base_url                       # e.g. 'http://127.0.0.1:40123'
    >>> server.shutdown(); server.server_close()

* ``/meridian/`` Meridian Wire: RSS ``/meridian/rss.xml`` (and Atom), JSON-LD article pages.
* ``/harbour/`` Harbour Times: sitemap index ``/harbour/sitemap.xml`` -> Google News sitemap,
  Open Graph / article:* meta tags only.
* ``/courier/`` The Daily Courier: bare HTML; headlines on ``/courier/`` and ``/courier/world/``
  are ``h2.headline a``.
"""

from __future__ import annotations

from .server import DemoServer, make_server, serve
from .site import COURIER_HEADLINE_SELECTOR, ENTRY_POINTS, DemoSite
from .stories import ARTICLES, BRIEFS, OUTLETS

#: Article pages per outlet (each one linked from the outlet's entry points).
ARTICLES_PER_OUTLET = {k: sum(a["outlet"] == k for a in ARTICLES) for k in OUTLETS}
#: Feed / sitemap / listing entries per outlet (articles plus headline-only items).
HEADLINES_PER_OUTLET = {
    k: ARTICLES_PER_OUTLET[k] + sum(b["outlet"] == k for b in BRIEFS) for k in OUTLETS
}

__all__ = [
    "ARTICLES_PER_OUTLET",
    "COURIER_HEADLINE_SELECTOR",
    "ENTRY_POINTS",
    "HEADLINES_PER_OUTLET",
    "DemoServer",
    "DemoSite",
    "make_server",
    "serve",
]
