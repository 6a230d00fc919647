"""Pure cleaning and normalisation functions used by the item pipelines.

Each function takes arbitrary input, never raises on text, and is idempotent:
``f(f(x)) == f(x)``. The property tests in ``tests/test_normalize_properties.py`` check both.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

import ftfy
from courlan import normalize_url
from w3lib.html import replace_entities
from w3lib.url import safe_url_string

from newsetl.extraction.dates import parse_date, plausible

MAX_TITLE_CHARS = 500
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than newlines
_BLANK_LINES = re.compile(r"\s*\n\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# invisible characters a page carries for layout, never for meaning: soft hyphen, zero-width
# space, word joiner, zero-width no-break space / BOM, Mongolian vowel separator (zero-width
# joiners stay: scripts and emoji need them)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060\ufeff]")
# ftfy repairs mojibake and encoding damage but, with these options, keeps what the publisher
# wrote: curly quotes, dashes, ligatures and full-width forms are left as they are
_FIX = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
)
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


def _until_stable(clean):
    """Repeat ``clean`` until its output stops changing (a few rounds at most). One round
    is not always idempotent: decoding entities can reveal more (``&amp;lt;``), and
    collapsing whitespace can leave a mojibake pattern for the next repair (``Â\r0``)."""

    @functools.wraps(clean)
    def run(text):
        for _ in range(4):
            cleaned = clean(text)
            if cleaned == text:
                break
            text = cleaned
        return text

    return run


def _repair(text: str) -> str:
    text = replace_entities(text)
    text = ftfy.fix_text(text, _FIX)
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    return unicodedata.normalize("NFC", text)


@_until_stable
def clean_line(text: str | None) -> str | None:
    """One line of text: entities decoded, mojibake fixed, NFC, whitespace collapsed."""
    if text is None:
        return None
    text = " ".join(_repair(text).split())
    return text or None


@_until_stable
def clean_title(text: str | None) -> str | None:
    """A headline: a clean line, cut at a word boundary to ``MAX_TITLE_CHARS``."""
    text = clean_line(text)
    if text is None or len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip() + "…"


@_until_stable
def clean_body(text: str | None) -> str | None:
    """A body: like :func:`clean_line` per paragraph, one paragraph per line, no blank lines."""
    if text is None:
        return None
    text = _repair(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line) or None


def clean_mapping(values) -> dict[str, str]:
    """Texts by key (a page's headline variants): each a clean line, empty ones dropped."""
    if not isinstance(values, dict):
        return {}
    cleaned = {str(k): clean_line(v) for k, v in values.items() if isinstance(v, str)}
    return {k: v for k, v in cleaned.items() if v}


def clean_raw(text: str | None) -> str | None:
    """A value kept as published (a link, an id): only control characters, which no text
    column can hold, and surrounding whitespace removed."""
    if not isinstance(text, str):
        return None
    return _CONTROL.sub("", text).strip() or None


def clean_list(values) -> list[str]:
    """Names or tags: each a clean line, empty ones and repeats dropped, order kept."""
    if isinstance(values, str):
        values = [values]
    seen: dict[str, None] = {}
    for value in values or ():
        if isinstance(value, str) and (line := clean_line(value)):
            seen.setdefault(line, None)
    return list(seen)


# Parameters that only say where a click came from; everything else may change the page.
TRACKING_PARAMETER = re.compile(
    r"^(?:utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid"
    r"|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id)$",
    re.IGNORECASE,
)


def _without_tracking(query: str) -> str:
    """``query`` minus tracking parameters; every other parameter kept as written, in
    order, with or without a value (``?a=1&b=2&c`` keeps ``c``)."""
    kept = (
        part
        for part in query.split("&")
        if part and not TRACKING_PARAMETER.match(unquote_plus(part.split("=", 1)[0]))
    )
    return "&".join(kept)


def normalize_article_url(url: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL: scheme and host in lower case, no default port, dot
    segments resolved, unsafe characters percent-encoded, known tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``...) and the fragment removed. Every other parameter
    is kept as published, in its order.

    Relative and protocol-less URLs are resolved against ``base``; anything that is not
    http(s) after that (``file:``, ``javascript:``, ``mailto:``) gives None.
    """
    if not url or not isinstance(url, str):
        return None
    url = _CONTROL.sub("", url).strip()
    if base:
        url = urljoin(base, url)
    elif url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(safe_url_string(url))
        if not parts.hostname:  # "http:////": nothing to fetch
            return None
        path = urlsplit(urljoin(url, parts.path or "/")).path  # dot segments resolved
        bare = normalize_url(urlunsplit(parts._replace(path=path, query="", fragment="")), True)
        bare = urlsplit(bare)
        url = urlunsplit(bare._replace(path=bare.path or "/", query=_without_tracking(parts.query)))
    except (ValueError, AttributeError):
        return None
    if not url.startswith(("http://", "https://")) or len(url) > 2048:
        return None
    return url


def article_id(canonical_url: str) -> str:
    """The stable article id: sha1 of the normalised canonical URL."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()


def to_utc(value: datetime | str | None) -> datetime | None:
    """A timezone-aware UTC datetime, or None when the value cannot be a news date.

    Strings are parsed by the extraction's rules (:func:`~newsetl.extraction.dates.parse_date`);
    naive datetimes are taken as UTC; dates outside the plausible years are refused (the
    validate pipeline refuses dates in the future).
    """
    if isinstance(value, str):
        text = clean_line(value)
        return parse_date(text) if text and len(text) <= 100 else None
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return value if plausible(value) else None


def normalize_language(value: str | None) -> str | None:
    """An ISO 639 primary language subtag in lower case: ``en-GB`` -> ``en``."""
    if not value or not isinstance(value, str):
        return None
    match = _LANGUAGE.match(value.strip().lower())
    return match[1] if match else None


def word_count(body: str | None) -> int:
    return len(body.split()) if body else 0
