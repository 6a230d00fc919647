"""Sources configuration: ``sources.yaml`` loaded into validated, typed objects.

The file is the one place where outlets are declared. ``${VAR}`` and ``${VAR:-default}``
are expanded from the environment, so a deployment can point a source at another host.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pycountry
import yaml

from newsetl.paths import ROOT

DEFAULT_SOURCES_FILE = ROOT / "sources.yaml"
ENV_VAR = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_SCHEDULE = "@hourly"


class SourceConfigError(ValueError):
    """sources.yaml is invalid; the message names the source and the field."""


@dataclass(frozen=True)
class Listing:
    url: str
    links: str | None = None  # CSS selector of headline links; None: every same-site link


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    homepage: str
    allowed_domains: tuple[str, ...]
    language: str
    country: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    discover_sitemaps: bool = False  # `sitemaps: auto`: from robots.txt, else well-known paths
    listings: tuple[Listing, ...] = ()
    sitemap_window_days: float = 2.0
    schedule: str = DEFAULT_SCHEDULE
    concurrency: int = 1
    workers: int = 1  # more: the crawl DAG shares one Redis frontier among that many tasks
    active: bool = True
    freshness_hours: float = 48.0
    selectors: dict[str, str] = field(default_factory=dict)

    def owns(self, url: str) -> bool:
        """True when ``url`` is on one of the source's allowed domains (or a subdomain)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    @property
    def entry_points(self) -> dict[str, tuple]:
        sitemaps = self.sitemaps or (("auto",) if self.discover_sitemaps else ())
        return {"feeds": self.feeds, "sitemaps": sitemaps, "listing": self.listings}


_REQUIRED = ("name", "title", "homepage", "allowed_domains", "language", "country")
_FIELDS = set(Source.__dataclass_fields__) - {"discover_sitemaps"}  # from `sitemaps: auto`


def _expand(value):
    if isinstance(value, str):
        return ENV_VAR.sub(lambda m: os.environ.get(m[1]) or m[2] or "", value)
    if isinstance(value, list):
        return [_expand(v) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    return value


def _url(where: str, value) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceConfigError(f"{where}: expected an http(s) URL, got {value!r}")
    return value


def _urls(where: str, value) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise SourceConfigError(f"{where}: expected a list of URLs, got {value!r}")
    return tuple(_url(f"{where}[{i}]", v) for i, v in enumerate(value))


def _listing(where: str, value) -> Listing:
    if isinstance(value, str):
        return Listing(_url(where, value))
    if not isinstance(value, dict) or set(value) - {"url", "links"} or "url" not in value:
        raise SourceConfigError(f"{where}: expected a URL or {{url: ..., links: CSS}}")
    return Listing(_url(f"{where}.url", value["url"]), value.get("links"))


_CODES = {
    "language": "an ISO 639-1 code such as 'en' or 'fr'",
    "country": "an ISO 3166-1 code such as 'GB' or 'FR'",
}


def _code(where: str, field: str, value: str, registry) -> str:
    """``value`` as a two-letter ISO code (languages lower-case, countries upper-case)."""
    code = value.strip().lower() if field == "language" else value.strip().upper()
    if len(code) != 2 or registry.get(alpha_2=code) is None:
        raise SourceConfigError(f"{where}: field {field!r} must be {_CODES[field]}, got {value!r}")
    return code


def parse_source(raw: dict, index: int) -> Source:
    if not isinstance(raw, dict):
        raise SourceConfigError(f"sources[{index}]: expected a mapping, got {raw!r}")
    name = raw.get("name")
    where = f"source {name!r}" if name else f"sources[{index}]"
    for key in _REQUIRED:
        if raw.get(key) in (None, "", []):
            raise SourceConfigError(f"{where}: missing required field {key!r}")
    if unknown := sorted(set(raw) - _FIELDS):
        raise SourceConfigError(f"{where}: unknown field {unknown[0]!r}")
    if not isinstance(name, str) or not NAME.match(name):
        raise SourceConfigError(f"{where}: field 'name' must be lower-case letters, digits, - or _")
    domains = raw["allowed_domains"]
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        raise SourceConfigError(f"{where}: field 'allowed_domains' must be a list of host names")
    values = dict(raw)
    values.update(
        homepage=_url(f"{where}: field 'homepage'", raw["homepage"]),
        allowed_domains=tuple(d.lower() for d in domains),
        feeds=_urls(f"{where}: field 'feeds'", raw.get("feeds", [])),
        sitemaps=()
        if raw.get("sitemaps") == "auto"
        else _urls(f"{where}: field 'sitemaps'", raw.get("sitemaps", [])),
        discover_sitemaps=raw.get("sitemaps") == "auto",
        listings=tuple(
            _listing(f"{where}: field 'listings'[{i}]", v)
            for i, v in enumerate(raw.get("listings") or [])
        ),
    )
    for key, kind in (
        ("sitemap_window_days", (int, float)),
        ("concurrency", int),
        ("workers", int),
        ("freshness_hours", (int, float)),
        ("active", bool),
        ("selectors", dict),
        ("schedule", str),
        ("language", str),
        ("country", str),
        ("title", str),
    ):
        if key in values and not isinstance(values[key], kind):
            raise SourceConfigError(f"{where}: field {key!r} has the wrong type: {values[key]!r}")
    values["language"] = _code(where, "language", values["language"], pycountry.languages)
    values["country"] = _code(where, "country", values["country"], pycountry.countries)
    source = Source(**values)
    outside = [u for u in (*source.feeds, *source.sitemaps, *(x.url for x in source.listings))]
    if bad := next((u for u in outside if not source.owns(u)), None):
        raise SourceConfigError(f"{where}: URL {bad!r} is not on the source's allowed_domains")
    return source


def parse_sources(data) -> dict[str, Source]:
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourceConfigError("sources file: expected a top-level 'sources:' list")
    sources: dict[str, Source] = {}
    slugs: dict[str, str] = {}  # Airflow ids and Python names have no "-"
    for index, raw in enumerate(_expand(data["sources"])):
        source = parse_source(raw, index)
        if source.name in sources:
            raise SourceConfigError(f"source {source.name!r}: duplicate name")
        slug = source.name.replace("-", "_")
        if other := slugs.get(slug):
            raise SourceConfigError(
                f"source {source.name!r}: too close to source {other!r} (both would be the "
                f"DAG crawl_{slug}); rename one"
            )
        sources[source.name] = source
        slugs[slug] = source.name
    return sources


def sources_file() -> Path:
    return Path(os.environ.get("NEWSETL_SOURCES") or DEFAULT_SOURCES_FILE)


@cache
def _read(path: Path, mtime: float):
    """The file's YAML, parsed once per version of the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourceConfigError(f"{path}: not valid YAML: {exc}") from None


def load_sources(path: str | Path | None = None) -> dict[str, Source]:
    """The configured sources by name (``NEWSETL_SOURCES`` or the repo's sources.yaml).
    ``${VAR}`` are expanded on each call, so a changed environment is always seen."""
    path = Path(path) if path else sources_file()
    if not path.is_file():
        raise SourceConfigError(f"{path}: sources file not found (set NEWSETL_SOURCES)")
    data = _read(path.resolve(), path.stat().st_mtime)
    try:
        return parse_sources(data)
    except SourceConfigError as exc:
        raise SourceConfigError(f"{path}: {exc}") from None


def source_for_url(url: str, sources: dict[str, Source]) -> str:
    """The configured source a URL belongs to: longest homepage prefix, then domain, else host."""
    by_prefix = [s for s in sources.values() if url.startswith(s.homepage)]
    if by_prefix:
        return max(by_prefix, key=lambda s: len(s.homepage)).name
    owners = [s for s in sources.values() if s.owns(url)]
    if owners:
        return owners[0].name
    return (urlsplit(url).hostname or "unknown").lower()
