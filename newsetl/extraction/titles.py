"""The headline from a ``<title>`` element, cut the way Readability.js cuts it.

``Headline | Section | Site`` loses the site part unless that leaves too short a title;
``Site: Headline`` keeps the part after the colon unless a heading says otherwise.
"""

from __future__ import annotations

import re

from .text import clean

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
        headings = {clean(h.text_content()) for h in tree.xpath("//h1 | //h2")}
        if original.strip() not in headings:
            title = original[original.rfind(":") + 1 :]
            if _words(title) < 3:
                title = original[original.find(":") + 1 :]
            elif _words(original[: original.find(":")]) > 5:
                title = original
    elif len(original) > 150 or len(original) < 15:
        h1s = list(tree.iter("h1"))
        if len(h1s) == 1:
            title = h1s[0].text_content()
    title = clean(title) or ""
    n = _words(title)
    if n <= 4 and (not hierarchical or n != _words(_SEP.sub("", original)) - 1):
        title = original
    return clean(title)
