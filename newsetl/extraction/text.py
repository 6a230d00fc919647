"""Small text helpers shared by the field extractors."""

from __future__ import annotations

import html
import re

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")
# elements whose content is code, never text a reader sees
_CODE = re.compile(
    r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)
_NODE_TEXT = (
    "descendant-or-self::text()[not(ancestor::script or ancestor::style"
    " or ancestor::noscript or ancestor::template)]"
)


def clean(value: object) -> str | None:
    """Unescape entities, drop stray tags, collapse whitespace; None for empty values."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        if value is None:
            return None
    if not isinstance(value, str):
        value = str(value)
    if "&" in value:
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", _CODE.sub(" ", value))
    value = _SPACE.sub(" ", value).strip()
    return value or None


def node_text(element) -> str | None:
    """The text of an lxml element, like ``text_content()`` but without the content of
    ``<script>``, ``<style>``, ``<noscript>`` or ``<template>`` inside it; cleaned."""
    return clean("".join(element.xpath(_NODE_TEXT)))


def clean_lines(text: str | None) -> str | None:
    """One paragraph per line: whitespace collapsed inside lines, no empty lines."""
    if not text:
        return None
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    out = "\n".join(line for line in lines if line)
    return out or None


def element_text(element) -> str:
    """Text of an lxml element with block elements on their own lines."""
    parts: list[str] = []
    _walk(element, parts)
    return clean_lines("".join(parts)) or ""


_BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote pre tr table ul ol dl dt dd section article "
    "header footer figure figcaption aside".split()
)
# Elements whose content no reader sees as text: wherever text is taken from markup
# (feeds, listing anchors, the page), these are dropped with their content.
CODE_TAGS = ("script", "style", "noscript", "template")
_SKIP = frozenset((*CODE_TAGS, "svg", "iframe", "button"))


def _walk(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        if el.tail:
            parts.append(el.tail)
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    if el.text and tag:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if el.tail:
        parts.append(el.tail)
