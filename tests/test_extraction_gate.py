"""Regression gate: every saved page in tests/pages is scored field by field against
expected.json, and no score may fall below the baseline recorded in tests/pages/gate.json.

Body: word 4-gram shingle F1 (the scorer of ``newsetl eval-extraction``) against the
article text as a reader sees it. title, authors, published_at, modified_at, language:
1.0 when exact, else 0.0. Non-article pages: ``article`` is 1.0 when the page gives None.

After a change that raises scores, record the new baseline with
``NEWSETL_UPDATE_GATE=1 pytest tests/test_extraction_gate.py`` and commit gate.json.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from newsetl.extract import extract_article
from newsetl.extraction.score import shingle_scores

PAGES = Path(__file__).parent / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
GATE = PAGES / "gate.json"
EXACT_FIELDS = ("title", "authors", "published_at", "modified_at", "language")
TOLERANCE = 1e-9


def _json(value):
    return value.isoformat() if isinstance(value, datetime) else value


def score_page(name: str) -> dict[str, float]:
    entry = EXPECTED[name]
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    article = extract_article(html, entry["url"])
    expected = entry["article"]
    if expected is None:
        return {"article": float(article is None)}
    if article is None:
        return {"article": 0.0, "body": 0.0, **{f: 0.0 for f in EXACT_FIELDS}}
    scores = {"article": 1.0, "body": round(shingle_scores(article.body, expected["body"])[2], 4)}
    for field in EXACT_FIELDS:
        scores[field] = float(_json(getattr(article, field)) == expected[field])
    return scores


def current_scores() -> dict[str, dict[str, float]]:
    return {name: score_page(name) for name in sorted(EXPECTED)}


def test_no_field_score_drops_below_the_baseline():
    scores = current_scores()
    if os.environ.get("NEWSETL_UPDATE_GATE"):
        GATE.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    baseline = json.loads(GATE.read_text(encoding="utf-8"))
    drops = []
    for page, fields in sorted(baseline.items()):
        for field, floor in sorted(fields.items()):
            got = scores.get(page, {}).get(field)
            if got is None or got < floor - TOLERANCE:
                drops.append(f"  {page}: {field} {got} < baseline {floor}")
    missing = sorted(set(scores) - set(baseline))
    assert not missing, f"pages with no baseline in gate.json: {missing} (record it)"
    assert not drops, "extraction got worse on saved pages:\n" + "\n".join(drops)
    print("\n".join(f"{p}: {s}" for p, s in scores.items()))


def test_field_averages_are_high():
    """A floor for the whole set, so a baseline cannot be recorded at a poor level."""
    scores = current_scores()
    articles = [s for s in scores.values() if "body" in s]
    assert all(s["article"] == 1.0 for s in scores.values())
    assert sum(s["body"] for s in articles) / len(articles) >= 0.9
    for field in EXACT_FIELDS:
        assert sum(s[field] for s in articles) / len(articles) >= 0.85, field
