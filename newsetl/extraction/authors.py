"""Author names: split bylines, strip "By", roles and noise, keep organisations last."""

from __future__ import annotations

import re

from .text import clean

_BY = re.compile(
    r"^\s*(?:(?:written|posted|reported|text|story|words|photos?|video)\s+)?"
    r"(?:by|par|por)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bwith\b|\bavec\b|\bcon\b)\s*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+")
_URLISH = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net)\b|/", re.IGNORECASE)
_ROLE_TAIL = re.compile(
    r"\s*(?:[,|\-–—(]\s*)?\b(?:staff\s+(?:writer|reporter)|senior\s+\w+|(?:chief\s+)?"
    r"(?:correspondent|reporter|editor|writer|columnist|contributor|journalist|photographer)"
    r"|special\s+to\b.*|for\s+(?:the\s+)?\w[\w\s.]*$|in\s+[A-Z][\w\s]*$).*$",
    re.IGNORECASE,
)
# an affiliation in brackets after a name: "Tomas Novak (Meridian Wire)", "Ana Ruiz [AFP]";
# a bracket left open at the end (a cut value) goes with what follows it
_AFFILIATION = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|[(\[][^()\[\]]*$)")
_UPDATED = re.compile(r"\b(?:updated?|published|posted)\b.*$", re.IGNORECASE)
NOISE = frozenset(
    {
        "staff",
        "staff writer",
        "staff reporter",
        "editorial staff",
        "admin",
        "administrator",
        "editor",
        "editors",
        "the editors",
        "newsroom",
        "news desk",
        "web desk",
        "desk",
        "guest",
        "anonymous",
        "unknown",
        "author",
        "redaction",
        "rédaction",
        "redacción",
        "redaktion",
        "agencies",
        "agency",
        "wire",
        "wires",
        "wire services",
        "contributor",
        "contributors",
        "null",
        "none",
    }
)
_ORG_WORDS = re.compile(
    r"\b(?:news|press|associated|reuters|agence|afp|dpa|efe|ap|upi|times|post|journal|"
    r"herald|tribune|gazette|media|magazine|daily|network|service|bureau|desk|staff|"
    r"inc|ltd|llc|corp|group|online|radio|tv|television|broadcasting)\b",
    re.IGNORECASE,
)


def is_organisation(name: str) -> bool:
    return bool(_ORG_WORDS.search(name))


def split_byline(raw: str) -> list[str]:
    """ "By Ana Ruiz and John Smith, Staff Writers" -> ["Ana Ruiz", "John Smith"];
    "By Tomas Novak (Meridian Wire)" -> ["Tomas Novak"]: an affiliation in brackets is no
    name, and no name keeps a bracket."""
    text = clean(raw)
    if not text:
        return []
    text = _AFFILIATION.sub("", _EMAIL.sub(" ", text))
    text = _UPDATED.sub("", text)
    names = []
    for part in _SPLIT.split(_BY.sub("", text)):
        name = _clean_name(part)
        if name:
            names.append(name)
    return names


def _clean_name(part: str) -> str | None:
    part = _BY.sub("", part.strip())
    stripped = _ROLE_TAIL.sub("", part)
    if stripped != part and len(stripped.split()) < 2:
        return None  # "Nature Correspondent", "Staff Writers": a role, not a name
    part = stripped
    part = part.strip(" \t-–—:|,.()[]\"'“”")
    if part.count("(") != part.count(")") or part.count("[") != part.count("]"):
        part = re.split(r"\s*[()\[\]]", part, maxsplit=1)[0]
    if not part or len(part) > 60 or _URLISH.search(part):
        return None
    if part.lower() in NOISE or not any(c.isalpha() for c in part):
        return None
    if len(part.split()) > 6:
        return None
    if part.isupper() and len(part) > 4:
        part = part.title()
    return part


def merge(candidates: list[str]) -> list[str]:
    """Deduplicated names in order; organisations only when no person is named."""
    seen: dict[str, str] = {}
    for name in candidates:
        key = name.casefold()
        if key not in seen:
            seen[key] = name
    names = list(seen.values())
    people = [n for n in names if not is_organisation(n)]
    return people or names
