"""The headline from a ``<title>`` element, cut the way Readability.js cuts it.

``Headline | Section | Site`` loses the site part unless that leaves too short a title;
``Site: Headline`` keeps the part after the colon unless a heading says otherwise.
"""

from __future__ import annotations

import re

from .text import clean, node_text

_SEP = re.compile(r" [|\-\\/>»] ")
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_CUT_LAST = re.compile(r"(.*)[|\-\\/>»] .*", re.S)
_CUT_FIRST = re.compile(r"[^|\-\\/>»]*[|\-\\/>»](.*)", re.S)


def _words(text: str) -> int:
    return len(text.split())


def html_title(tree, original: str | None) -> str | None:
    if not original:
        return None
    title = original
    hierarchical = False
    if _SEP.search(original):
        hierarchical = bool(_HIERARCHICAL.search(original))
        title = _CUT_LAST.sub(r"\1", original)
        if _words(title) < 3:
            title = _CUT_FIRST.sub(r"\1", original)
    elif ": " in original:
        headings = {node_text(h) for h in tree.xpath("//h1 | //h2")}
        if original.strip() not in headings:
            title = original[original.rfind(":") + 1 :]
            if _words(title) < 3:
                title = original[original.find(":") + 1 :]
            elif _words(original[: original.find(":")]) > 5:
                title = original
    elif len(original) > 150 or len(original) < 15:
        h1s = list(tree.iter("h1"))
        if len(h1s) == 1:
            title = node_text(h1s[0]) or ""
    title = clean(title) or ""
    n = _words(title)
    if n <= 4 and (not hierarchical or n != _words(_SEP.sub("", original)) - 1):
        title = original
    return clean(title)


# a separator between a headline and the site or section name: "Headline | Site",
# "Headline - Site", "Site: Headline", "Headline · Section · Site"
_PARTS = re.compile(r"\s+[|\-\u2013\u2014\\/>»·•~:]+\s+|\s*[|·•»]\s*|:\s+")
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
TOKEN = re.compile(r"\w+")


def words_key(text: str | None) -> tuple[str, ...]:
    return tuple(TOKEN.findall((text or "").casefold()))


def displays(declared: str | None, heading: str | None) -> bool:
    """Whether a declared title (``<title>``, og:title...) is the displayed ``heading``,
    alone or with a shorter site or section name before or after it: "Headline | Site",
    "Site: Headline" (not "Blog name: The headline of the post", when the ``<h1>`` is the
    blog's name)."""
    if not declared or not heading:
        return False
    key, head = words_key(declared), words_key(heading)
    if not head:
        return False
    if key == head:
        return True
    parts = [words_key(part) for part in _PARTS.split(declared)]
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            if (i or j < len(parts)) and tuple(w for p in parts[i:j] for w in p) == head:
                rest = sum(len(p) for p in parts) - len(head)
                return (i == 0 or j == len(parts)) and len(head) >= rest
    return False


def strip_site_parts(title: str | None, is_site_part) -> str | None:
    """``title`` without the site or section names before or after the headline
    ("Headline | Section | Site" -> "Headline"): parts for which ``is_site_part`` holds,
    or which are a date ("DW | 28.04.2023"), are taken off either end while a part is left."""
    if not title:
        return title
    pieces = _PARTS.split(title)
    seps = _PARTS.findall(title)
    if len(pieces) < 2:
        return title
    start, end = 0, len(pieces)

    def site_like(piece: str) -> bool:
        piece = piece.strip()
        return bool(_DATE_PART.match(piece)) or is_site_part(piece)

    while end - start > 1 and site_like(pieces[end - 1]):
        end -= 1
    while end - start > 1 and site_like(pieces[start]):
        start += 1
    if (start, end) == (0, len(pieces)):
        return title
    out = pieces[start]
    for sep, piece in zip(seps[start : end - 1], pieces[start + 1 : end], strict=True):
        out += sep + piece
    return clean(out)


def last_part(title: str | None) -> str | None:
    """The last of a title's parts ("Headline | Section | Site" -> "Site"); ``None`` for a
    title in one part."""
    pieces = _PARTS.split(title or "")
    return clean(pieces[-1]) if len(pieces) > 1 else None
